"""People named surname first, as Chinese and Korean names are written in English copy ("Tang Hongbo",
"Jiang Xinlin", "Chung Eui-yong", "Yu Myung Hwan", "Lee Sung-joon"): :func:`surname_first_people`.

The census given names (:mod:`agents.enrich.given_names`) that start the rule tier's other people do not
hold these names, and no title need stand before them ("The three, Tang Hongbo, Tang Shengjie and Jiang
Xinlin, landed"). But the class is closed at both ends: the surname is one of a few hundred (the common
Chinese and Korean surnames below cover most people in the news), and the given name is made of the
syllables of pinyin or of Korean romanisation, which English words seldom are ("Long March", "Han Chinese",
"Moon Express" fail it). Guards: the name does not run on into another capitalised word ("Kim Il Sung
Square") or a designation ("Chang Zheng 4B"), and a title-case headline is not read.
"""

from __future__ import annotations

import re

from agents.enrich.name_spans import title_case_line
from agents.enrich.patterns import by_first_letter

#: common Chinese surnames in pinyin
_CHINESE = ("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song "
            "Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Yao "
            "Shen Zhong Cui Tan Fan Liao Jin Shi Jia Xia Fu Fang Zou Xiong Bai Meng Qin Qiu Hou Yin Xue Yan Duan Lei "
            "Long Tao Gu Mao Hao Gong Shao Wan Qian Dai Mo Kong Xiang Chang Chai Geng Hua Kang Lai Lou Miao Ni Niu Ou "
            "Qi Qu Rao Shang Tong Wen Xing Yi Zhan Zhai Zhuang Zuo Bao Bian Che Chu Diao Hong Ji Jing Lan Mei Pu Sheng "
            "Wei Xi Xin Yue Zang Lian Qiao Ruan Pei Ning Shan Mu").split()
#: common Korean surnames in the romanisations news uses (South and North)
_KOREAN = ("Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong Jeon Ko Moon "
           "Yang Son Bae Baek Heo Nam Sim Noh Ha Kwak Sung Cha Joo Woo Koo Min Ryu Na Jin Ji Eom Chae Won Chun Bang "
           "Gong Hyun Ham Yeo Choe Ri Pak Jong Chung Yu Ju Rhee Roh Suh Byun Hyon Jo Ryom Kye Pyon Thae Rim Yun "
           "Paik Shim Chang Jeong Hyeon Ko").split()
_CHINESE_SET, _KOREAN_SET = frozenset(_CHINESE), frozenset(_KOREAN)
_SURNAME = by_first_letter("(?:" + "|".join(sorted(set(_CHINESE) | set(_KOREAN), key=lambda s: (-len(s), s))) + ")",
                           word_start=True)
# the given name: one word, two words or a hyphened pair, each capitalised or, after a hyphen, lower case
_PEOPLE = re.compile(_SURNAME + r" ([A-Z][a-z]{1,9}(?:-[a-zA-Z][a-z]{1,6}| [A-Z][a-z]{1,6})?)(?![\w'’-]| \d| [A-Z])")

#: a ship's or craft's noun right before the name: the destroyer "Choe Hyon" is named after a person, it is none
_CRAFT_BEFORE = re.compile(r"\b(?:destroyer|frigate|ship|vessel|warship|submarine|corvette|satellite|spacecraft|rocket|"
                           r"missile|tanker|carrier)s? $")
_INITIAL = r"(?:zh|ch|sh|ng|[bpmfdtnlgkhjqxrzcsyw])?"
#: one pinyin syllable, or several run together ("Hongbo", "Xinlin", "Shengjie")
_PINYIN = re.compile(r"(?:" + _INITIAL + r"(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|"
                     r"ia|ie|iu|ua|uo|ue|ui|a|e|i|o|u)|er)+")  # ("er" takes no initial: "Banker" is no pinyin)
#: one syllable of Korean romanisation ("Eui", "yong", "Myung", "Hwan", "Sung", "joon", "Jae", "Chol")
_KOREAN_SYLLABLE = re.compile(r"(?:[gkncdtlrmbpsjhyw]|ch|kk|tt|pp|ss|jj)?(?:[yw]?(?:eui|ae|eo|eu|oe|ui|oo|ee|a|e|i|o|u))"
                              r"(?:ng|n|m|l|k|p|t|r|b)?")


def surname_first_people(text: str) -> list[tuple[int, int]]:
    """(start, end) of each person named surname first whose given name is pinyin or Korean syllables."""
    out = []
    for m in _PEOPLE.finditer(text):
        given = m.group(1)
        parts = re.split(r"[- ]", given.lower())
        # a Korean given name is written one syllable to a part ("Eui-yong", "Myung Hwan", "Chaek"): a part of two
        # run together is an English word more often than a name ("Pak Banker")
        surname = text[m.start():m.start(1) - 1]
        korean = surname in _KOREAN_SET and all(_KOREAN_SYLLABLE.fullmatch(p) for p in parts)
        chinese = surname in _CHINESE_SET and _PINYIN.fullmatch("".join(parts)) is not None
        if (korean or chinese) and not _CRAFT_BEFORE.search(text, max(0, m.start() - 20), m.start()) \
                and not title_case_line(text, m.start(), m.end()):
            out.append(m.span())
    return out
