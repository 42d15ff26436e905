"""reject_dangerous_xml: refuses entity declarations in the prolog, whatever hides them."""

from __future__ import annotations

import pytest

from streams.core.errors import ParseError
from streams.ingest.xmlguard import reject_dangerous_xml

RSS = b'<rss version="2.0"><channel><title>t</title><item><title>i</title></item></channel></rss>'
ENTITY_DTD = b'<!DOCTYPE rss [\n<!ENTITY a "AAAA">\n]>\n'


@pytest.mark.parametrize(
    "name, body, headers",
    [
        ("plain", b'<?xml version="1.0" encoding="utf-8"?>\n' + RSS, None),
        ("netscape doctype", b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
         b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n' + RSS, None),
        ("doctype with element decls only", b'<!DOCTYPE rss [\n<!ELEMENT rss ANY>\n]>\n' + RSS, None),
        ("entity text in CDATA of an article",
         b'<rss version="2.0"><channel><title>t</title><item><description><![CDATA[<!DOCTYPE x [<!ENTITY xxe SYSTEM '
         b'"file:///etc/passwd">]>]]></description></item></channel></rss>', None),
        ("escaped entity text", b'<rss><channel><title>&lt;!ENTITY x "y"&gt;</title></channel></rss>', None),
        ("utf-16 plain", ('<?xml version="1.0" encoding="utf-16"?>' + RSS.decode()).encode("utf-16"), None),
        ("not xml at all", b"hello world", None),
        ("empty", b"", None),
    ],
)
def test_accepts_ordinary_feeds(name, body, headers):
    reject_dangerous_xml(body, headers)


@pytest.mark.parametrize(
    "name, body, headers",
    [
        ("internal subset", b'<?xml version="1.0"?>\n' + ENTITY_DTD + RSS, None),
        ("one line", b'<!DOCTYPE rss [<!ENTITY a "x"><!ENTITY b "&a;&a;">]>' + RSS, None),
        ("parameter entity", b'<!DOCTYPE rss [<!ENTITY % p SYSTEM "file:///x.dtd"> %p;]>' + RSS, None),
        ("comment hides it from feedparser", b"<?xml version='1.0'?><!-- <a> -->" + ENTITY_DTD + RSS, None),
        ("PI hides it", b"<?xml version='1.0'?><?x <a> ?>" + ENTITY_DTD + RSS, None),
        ("quoted > and ] in a system literal", b'<!DOCTYPE rss SYSTEM "x]>y" [<!ENTITY a "b">]>' + RSS, None),
        ("'<a' in a system literal", b'<!DOCTYPE rss SYSTEM "<a" [\n<!ENTITY a "AAA">\n]>\n' + RSS, None),
        ("non-ascii root, feedparser head runs past it",
         '<érss>\n<!DOCTYPE rss [\n<!ENTITY a "AAAA">\n]>\n<rss>&a;</rss>'.encode(), None),
        ("utf-16 with BOM", ('<?xml version="1.0" encoding="utf-16"?>' + ENTITY_DTD.decode() + RSS.decode()).encode("utf-16"), None),
        ("utf-16le by header only", (ENTITY_DTD.decode() + RSS.decode()).encode("utf-16-le"),
         {"Content-Type": "application/xml; charset=utf-16le"}),
        ("utf-32", ('<?xml version="1.0" encoding="utf-32"?>' + ENTITY_DTD.decode() + RSS.decode()).encode("utf-32"), None),
    ],
)
def test_refuses_entity_declarations(name, body, headers):
    with pytest.raises(ParseError) as info:
        reject_dangerous_xml(body, headers, url="http://x.example/feed")
    assert info.value.kind == "xml_dtd" and not info.value.retriable
    assert "http://x.example/feed" in str(info.value)
