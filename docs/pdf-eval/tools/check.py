#!/usr/bin/env python3
"""Score a candidate's glyph TSV (G page x y size w text / R page x0 y0 x1 y1) against
expected.json (tables 3/4) and a reference text (pdftotext) for the character multiset."""
import json, sys, re, collections

KEYS21 = ["new_received","carried_over","granted","partially_granted"] + \
  ["denied."+k for k in "state_secret prohibited_by_law three_safeties third_party internal_affairs process_info enforcement_file administrative_query".split()] + \
  ["unable."+k for k in "no_such_info needs_creation unclear".split()] + \
  ["not_handled."+k for k in "petition duplicate publication excessive confirmation".split()]
LABELS = "自然人 予以公开 属于国家秘密 其他法律行政法规禁止公开 保护第三方合法权益 属于三类内部事务信息 属于四类过程性信息 属于行政执法案卷 属于行政查询事项 本机关不掌握相关政府信息 没有现成信息需要另行制作 补正后申请内容仍不明确 信访举报投诉类申请 重复申请 要求提供公开出版物 无正当理由大量反复申请 结转下年度继续办理 结果维持 结果纠正 其他结果 尚未审结 未经复议直接起诉 复议后起诉".split()

def load(tsv):
    G, R = [], []
    for line in open(tsv, encoding='utf-8', errors='replace'):
        f = line.rstrip('\n').split('\t')
        if f[0] == 'G' and len(f) >= 7:
            G.append((int(f[1]), float(f[2]), float(f[3]), float(f[4]), float(f[5]), '\t'.join(f[6:])))
        elif f[0] == 'R':
            R.append((int(f[1]),) + tuple(map(float, f[2:6])))
    return G, R

def lines(G, tol=1.5):
    """group glyphs into baselines per page: [(page, y, [(x, w, size, text)])] top to bottom"""
    out = []
    by = collections.defaultdict(list)
    for p, x, y, s, w, t in G:
        by[p].append((y, x, w, s, t))
    for p in sorted(by):
        gs = sorted(by[p], key=lambda g: -g[0])
        cur = []
        for g in gs:
            if cur and abs(cur[0][0] - g[0]) > tol:
                out.append((p, cur[0][0], sorted([(c[1], c[2], c[3], c[4]) for c in cur]))); cur = []
            cur.append(g)
        if cur: out.append((p, cur[0][0], sorted([(c[1], c[2], c[3], c[4]) for c in cur])))
    return out

def numbers(glyphs):
    """merge adjacent digit glyphs into numbers; returns list of (x, text)"""
    toks = []
    for x, w, s, t in glyphs:
        t2 = t.strip()
        if re.fullmatch(r'[0-9.]+', t2 or 'x'):
            if toks and toks[-1][2] is not None and x - toks[-1][2] < 0.4 * max(s, 1):
                toks[-1] = (toks[-1][0], toks[-1][1] + t2, x + w)
            else:
                toks.append((x, t2, x + w))
        elif t2:
            # a run mixing text and digits (span-level readers): split on whitespace
            for m in re.finditer(r'\S+', t):
                if re.fullmatch(r'[0-9.]+', m.group()):
                    toks.append((x, m.group(), None))
            toks.append((x, None, None))
    return [(x, v) for x, v, e in toks if v and not v.endswith('.')]

def main():
    args = [a for a in sys.argv if a != '-v']
    sys_argv = args
    tsv, exp = args[1], json.load(open(args[2]))
    ref = open(args[3], encoding='utf-8').read() if len(args) > 3 else None
    G, R = load(tsv)
    res = {"glyphs": len(G), "rules": len(R)}
    txt = ''.join(g[5] for g in G)
    res["fffd_or_empty"] = txt.count('\ufffd') + sum(1 for g in G if g[5] == '')
    res["kangxi"] = sum(1 for c in txt if 0x2F00 <= ord(c) <= 0x2FDF)
    if ref is not None:
        a = collections.Counter(c for c in txt if not c.isspace())
        b = collections.Counter(c for c in ref if not c.isspace() and c != '\f')
        diff = sum(((a - b) + (b - a)).values())
        res["chars_vs_pdftotext"] = f"{sum(a.values())} vs {sum(b.values())}, diff {diff}"
    L = lines(G)
    joined = [re.sub(r'\s+', '', ''.join(g[3] for g in gl)) for _, _, gl in L]
    alltxt = '\n'.join(joined) + '\n' + re.sub(r'\s+', '', txt)
    res["labels"] = f"{sum(1 for l in LABELS if l in alltxt)}/{len(LABELS)}"
    res["labels_missing"] = [l for l in LABELS if l not in alltxt]
    rows = [[v for _, v in numbers(gl)] for _, _, gl in L]
    rows = [r for r in rows if r]
    t3 = exp["table3"]
    keys = [k for k in t3 if k not in ("total", "total_handled", "carried_forward")]
    keys = keys + [k for k in ("total", "total_handled", "carried_forward") if k in t3]
    want = [[str(v) for v in t3[k]] for k in keys]
    seven = [r for r in rows if len(r) == 7]
    got_in_order = 0; j = 0
    for r in seven:
        if j < len(want) and r == want[j]: got_in_order += 1; j += 1
    res["table3_rows_in_order"] = f"{got_in_order}/{len(want)}"
    res["table3_rows_7_numbers"] = len(seven)
    t4 = [str(v) for v in exp["table4"]]
    res["table4"] = any(r == t4 for r in rows)
    hv = sum(1 for r in R if abs(r[2]-r[4]) < 1 or abs(r[1]-r[3]) < 1)
    res["rules_hv"] = hv
    print(json.dumps(res, ensure_ascii=False))
    if '-v' in sys.argv:
        for (p, y, gl), j in zip(L, joined):
            print(p, round(y, 1), j, [v for _, v in numbers(gl)])

main()
