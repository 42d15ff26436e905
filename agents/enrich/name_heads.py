"""Head words of names: the word that says what kind of thing a name is.

Shared by both entity tiers (:mod:`agents.enrich.entities` and :mod:`agents.enrich.name_spans`):
"Indian Army" is a state body, "Israel Aerospace Industries" a firm, "Miyako Island" a place,
"Borsa Istanbul" a bourse. Each set is defined here once.
"""

from __future__ import annotations

#: last words of an organisation's name: a place or person before them is a modifier
ORG_HEADS = frozenset(
    "Institute Institution University Academy Agency Administration Corporation Corp Company Co Inc "
    "Ltd Limited GmbH SA AG Group Industries Systems Technologies Aerospace Foundation Center Centre "
    "Council Association Organisation Organization Society Bank Fund Daily Times Post Herald News "
    "Press Party Exchange Bourse Borsa Bolsa Börse Bursa Ministry Committee Forces Force Army Navy "
    "Today Journal Tribune Gazette Telegraph Chronicle "
    "Office Department Command Commission Service Services Laboratory Laboratories Police Division Ventures "
    "Partners Associates Capital Squadron".split()
)

#: last words of a company's or institute's name ("Andøya Space", "Hanwha Systems")
FIRM_HEADS = frozenset(
    "Space Aerospace Industries Systems Technologies Institute Academy Center Centre Group Dynamics "
    "Defence Defense Robotics Motors Electronics Shipyard Shipbuilding Corporation Holdings Labs Lab".split()
)

#: last words of a state body's name: a country in it is still news of that country ("China Coast Guard")
STATE_HEADS = frozenset(
    "Army Navy Force Forces Guard Corps Marines Fleet Ministry Command Office Department Committee "
    "Commission Service Directorate Authority Bureau Police Agency Administration Council".split()
)

#: head words that make any span an organisation ("Air Force", "Stock Exchange")
BODY_HEADS = frozenset(
    "Army Navy Force Forces Guard Corps Marines Fleet Ministry Command Agency Directorate Bureau "
    "Exchange Bourse University Institute Academy Party Commission Committee Council Brigade Brigades "
    "Battalion Battalions Regiment Division Movement Front Militia Militias Guards Mobilisation "
    "Mobilization".split()
)

#: a body's name that "of"/"for" continues ("United Nations Office for Outer Space Affairs")
JOIN_HEADS = frozenset(
    "Office Institute Institution Center Centre Council Commission Committee Ministry Agency "
    "Department Bureau Foundation Academy University Society Association Directorate Authority "
    "Service Exchange".split()
)

#: last words of a place, never a person's name ("Miyako Island")
PLACE_HEADS = frozenset(
    "Island Islands Sea Strait Bay Gulf River Lake Mountain Mountains Province Region County District "
    "City Base Airport Port Peninsula Valley Desert Coast".split()
)

#: first words of a bourse's name ("Borsa Istanbul", "Bolsa de Madrid")
MARKET_FIRST = frozenset(
    "Borsa Bourse Bolsa Börse Bursa".split()
)
