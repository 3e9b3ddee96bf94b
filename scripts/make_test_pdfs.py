#!/usr/bin/env python3
"""Renders report text files as PDFs laid out like Word output (called by scripts/make-test-pdfs).

For each NAME.txt: the prose of sections 一 to 六 comes from the text; tables 2, 3 and 4 are
real bordered tables built from NAME.expected.json beside it (the truth of every cell), or,
without one, from what `nianbao check --format json` read in the text. The same page is
written as NAME.docx (Word tables: merges, repeated header rows, PAGE field) and NAME.html,
and printed to NAME.pdf by headless Chromium (default) or LibreOffice (--engine libreoffice),
or drawn by reportlab (--engine reportlab) in its STSong-Light: a CID font keyed by
UniGB-UCS2-H, not embedded, with no ToUnicode, as reportlab and older Chinese tools write them.

Chromium is the default because its PDFs carry what Word/WPS PDFs carry: CID TrueType subsets,
Identity-H, ToUnicode (given TrueType fonts; with Noto CJK's CFF it writes Type3 fonts).
LibreOffice 7.4 writes simple TrueType fonts re-encoded as WinAnsi, 256 glyphs a subset.

The PDF's text is then extracted five ways: NAME.pdftotext.txt, NAME.layout.txt (-layout),
NAME.pdfplumber.txt, NAME.pdfjs.txt (what Firefox's viewer copies after Ctrl+A:
scripts/pdfjs_text.mjs) and NAME.pdfium.txt (what Chrome's and Edge's viewer copies:
scripts/pdfium_text.py); NAME.expected.json is copied beside them.

With --varied, also writes NAME-varied.*: the same report with distinct, arithmetically
consistent numbers in every cell (most seeds are all zeros, which cannot show a shifted column).
"""
import argparse, copy, hashlib, html, json, os, random, re, shutil, subprocess, sys, tempfile

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

# TrueType fonts from Debian (fonts-arphic-uming, fonts-wqy-zenhei, fonts-liberation) standing
# in for 仿宋_GB2312 / 黑体 / Times New Roman: all TrueType, so the PDF embeds TrueType subsets.
BODY_CJK, HEAD_CJK, LATIN = "AR PL UMing CN", "WenQuanYi Zen Hei", "Liberation Serif"

T3_KEYS = ["natural_person", "commercial", "research", "social", "legal", "other", "total"]
T4_KEYS = [f"{b}.{k}" for b in ("review", "litigation_direct", "litigation_after_review")
           for k in ("upheld", "corrected", "other", "pending", "total")]
DENIED = [("state_secret", "1.属于国家秘密"), ("prohibited_by_law", "2.其他法律行政法规禁止公开"),
          ("three_safeties", "3.危及“三安全一稳定”"), ("third_party", "4.保护第三方合法权益"),
          ("internal_affairs", "5.属于三类内部事务信息"), ("process_info", "6.属于四类过程性信息"),
          ("enforcement_file", "7.属于行政执法案卷"), ("administrative_query", "8.属于行政查询事项")]
UNABLE = [("no_such_info", "1.本机关不掌握相关政府信息"), ("needs_creation", "2.没有现成信息需要另行制作"),
          ("unclear", "3.补正后申请内容仍不明确")]
NOT_HANDLED = [("petition", "1.信访举报投诉类申请"), ("duplicate", "2.重复申请"), ("publication", "3.要求提供公开出版物"),
               ("excessive", "4.无正当理由大量反复申请"), ("confirmation", "5.要求行政机关确认或重新出具已获取信息")]
OTHER21 = [("overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
           ("unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
           ("other", "3.其他")]
RESULT_KEYS = (["granted", "partially_granted"] + ["denied." + k for k, _ in DENIED]
               + ["unable." + k for k, _ in UNABLE] + ["not_handled." + k for k, _ in NOT_HANDLED])

SECTIONS = [(1, r"总体情况|工作基本情况|總體情況"), (2, r"主动公开政府信息情况|主動公開"),
            (3, r"收到和处理政府信息公开申请|收到和處理"), (4, r"行政复议|行政復議"),
            (5, r"存在的主要问题|存在的主要問題"), (6, r"其他需要报告|其他需要報告")]
CANONICAL = {1: "一、总体情况", 2: "二、主动公开政府信息情况", 3: "三、收到和处理政府信息公开申请情况",
             4: "四、政府信息公开行政复议、行政诉讼情况", 5: "五、存在的主要问题及改进情况", 6: "六、其他需要报告的事项"}


# ---------------------------------------------------------------- reading the report text

def clean(line):
    line = line.replace("[bookmark: _GoBack]", "")
    line = re.sub(r"^\s*#+\s*", "", line)
    line = line.replace("**", "").replace("\u3000", " ")
    return line.strip()


def split_report(text):
    """title, intro paragraphs, {section number: (heading, paragraphs)}"""
    lines = [clean(l) for l in text.splitlines()]
    heads, start = {}, 0
    for n, pat in SECTIONS:
        for i in range(start, len(lines)):
            l = lines[i]
            if len(l) < 60 and re.match(r"^[一二三四五六][、.．]", l) and re.search(pat, l) and "\t" not in l:
                heads[n] = i
                start = i + 1
                break
    first = min(heads.values()) if heads else len(lines)
    title, intro = [], []
    for l in lines[:first]:
        if not l:
            continue
        if not intro and len(l) < 50 and not re.search(r"[。：:]", l) and not l.startswith(("http", "字号")):
            title.append(l)
        else:
            intro.append(l)
    order = sorted(heads.items(), key=lambda kv: kv[1])
    sections = {}
    for k, (n, i) in enumerate(order):
        end = order[k + 1][1] if k + 1 < len(order) else len(lines)
        body = [l for l in lines[i + 1:end] if l and not re.fullmatch(r"[-—\s\d]*", l)]
        if n in (2, 3, 4):  # table sections: keep prose only, the tables are rebuilt
            body = [l for l in body if "。" in l and "\t" not in l and "|" not in l and len(l) >= 15]
        sections[n] = (lines[i], body)
    return "".join(title) or "政府信息公开工作年度报告", intro, sections


def from_nianbao(path, repo):
    """Tables as the checker read them, in expected.json's shape (for files without one)."""
    exe = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(repo, "target")), "release", "nianbao")
    if not os.path.exists(exe):
        subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "nianbao"], cwd=repo, check=True)
    out = subprocess.run([exe, "check", "--format", "json", path], capture_output=True, text=True)
    rep = json.loads(out.stdout)["reports"][0]
    exp = {"year": rep.get("year"), "format": rep.get("format") or "2021", "source": "nianbao check"}
    if rep.get("table2"):
        exp["table2"] = {r["key"]: list(r["cells"].values()) for r in rep["table2"]["rows"]}
    if rep.get("table3"):
        exp["table3"] = {r["key"]: [r["cells"].get(k) for k in T3_KEYS] for r in rep["table3"]["rows"]}
    if rep.get("table4"):
        exp["table4"] = [rep["table4"]["cells"].get(k) for k in T4_KEYS]
    return exp


def varied(exp, name):
    """The same report with distinct numbers in every cell that still add up."""
    rnd = random.Random(int(hashlib.sha256(name.encode()).hexdigest()[:8], 16))
    e = copy.deepcopy(exp)
    t3 = e["table3"]
    total_key = "total_handled" if "total_handled" in t3 else "total"
    results = [k for k in t3 if k in RESULT_KEYS or k.startswith("other")]
    for k in results:
        t3[k] = [0] * 7
    for c in range(6):
        scale = rnd.choice([1, 3, 10, 40, 300]) if c in (0, 1, 4) else rnd.choice([0, 1, 2, 5])
        for k in results:
            t3[k][c] = rnd.randint(0, scale) if rnd.random() < 0.8 else 0
        handled = sum(t3[k][c] for k in results)
        fwd = rnd.randint(0, max(1, handled // 5))
        carried = rnd.randint(0, handled + fwd)
        t3[total_key][c] = handled
        t3["carried_forward"][c] = fwd
        t3["carried_over"][c] = carried
        t3["new_received"][c] = handled + fwd - carried
    for k in t3:
        t3[k][6] = sum(t3[k][:6])
    t4 = []
    for _ in range(3):
        block = [rnd.randint(0, 30) for _ in range(4)]
        t4 += block + [sum(block)]
    e["table4"] = t4
    for k, v in e.get("table2", {}).items():
        e["table2"][k] = [rnd.randint(0, 900) if not isinstance(x, float) else round(rnd.uniform(0, 999), 2) for x in v]
    e["arithmetic_errors"] = []
    e["notes"] = "numbers made up by make-test-pdfs --varied (consistent arithmetic); prose as in the seed"
    return e


# ---------------------------------------------------------------- random reports

BODIES = ["西城区新街口街道办事处", "平潭综合实验区管理委员会", "某市生态环境局", "金谷园街道办事处", "某县人民政府办公室",
          "某市自然资源和规划局", "某区市场监督管理局", "某镇人民政府", "某市住房和城乡建设局", "某县教育局",
          "某市人力资源和社会保障局", "某区卫生健康委员会", "某市公安局交通警察支队", "某乡人民政府"]
HEADS4 = ["四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"]
HEADS5 = ["五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况"]
PHRASES = ["深入贯彻落实《中华人民共和国政府信息公开条例》", "坚持以公开为常态、不公开为例外", "围绕中心工作和群众关切",
           "进一步完善政务公开工作机制", "及时更新政府信息公开专栏", "依法依规办理政府信息公开申请",
           "加强政府信息公开平台建设", "严格落实保密审查制度", "全年未发生因公开不当引发的舆情事件",
           "持续推进决策、执行、管理、服务、结果公开", "加强对工作人员的业务培训", "按照上级部署扎实推进各项工作",
           "做好政策解读和回应关切", "规范政府信息公开申请的受理、登记、办理和答复流程", "不断提升政务公开的质量和实效"]


def prose(rnd, year, body, n):
    """n paragraphs of plausible prose, each a few phrases and a full stop."""
    out = []
    for _ in range(n):
        k = rnd.randint(1, 6)
        lead = rnd.choice([f"{year}年，{body}", "我单位", "本年度", "一是", "同时，"])
        out.append(lead + "，".join(rnd.sample(PHRASES, k)) + "。")
    return out


def grid_text(g):
    """A Grid as a browser copies an HTML table: one line per row, a tab between cells, a
    merged cell once (in its first row and column), a blank cell empty."""
    return ["\t".join(text for (r0, c), (text, *_rest) in sorted(g.cells.items()) if r0 == r) for r in range(g.rows)]


def random_report(n):
    """Report number n (seeded by n alone): its text and its truth. Both formats; table 3 all
    zeros, sparse, medium or dense (cells 0..1000), every identity holding; zero cells
    printed blank (null in the truth) in one of several ways; tables 2 and 4 filled."""
    rnd = random.Random(1_000_003 * (n + 1) + 7)
    fmt_name = rnd.choice(["2019", "2021"])
    year = rnd.choice([2019, 2020] if fmt_name == "2019" else [2021, 2022, 2023, 2024])
    body = rnd.choice(BODIES)
    other = OTHER21 if fmt_name == "2021" else None
    results = (["granted", "partially_granted"] + ["denied." + k for k, _ in DENIED] + ["unable." + k for k, _ in UNABLE]
               + ["not_handled." + k for k, _ in NOT_HANDLED] + (["other." + k for k, _ in other] if other else ["other"]))
    keys = ["new_received", "carried_over"] + results + ["total", "carried_forward"]
    t3 = {k: [0] * 7 for k in keys}
    profile = rnd.choices(["zero", "sparse", "medium", "dense"], [1, 3, 3, 3])[0]
    if profile == "sparse":
        for k in rnd.sample(results, rnd.randint(1, 5)):
            t3[k][0] = rnd.randint(1, 15)
            for c in range(1, 6):
                if rnd.random() < 0.15:
                    t3[k][c] = rnd.randint(1, 5)
    elif profile == "medium":
        for c in range(6):
            scale = rnd.choice([1, 3, 10, 40, 300]) if c in (0, 1, 4) else rnd.choice([0, 1, 2, 5])
            for k in results:
                t3[k][c] = rnd.randint(0, scale) if rnd.random() < 0.5 else 0
    elif profile == "dense":
        density = rnd.choice([0.4, 0.7, 0.95])
        for c in range(6):
            top = rnd.choice([9, 99, 1000])
            for k in results:
                t3[k][c] = rnd.randint(0, top) if rnd.random() < density else 0
    for c in range(6):
        handled = sum(t3[k][c] for k in results)
        fwd = rnd.randint(0, max(1, handled // 4)) if profile != "zero" and rnd.random() < 0.5 else 0
        carried = rnd.randint(0, handled + fwd) if rnd.random() < 0.5 else 0
        t3["total"][c], t3["carried_forward"][c] = handled, fwd
        t3["carried_over"][c], t3["new_received"][c] = carried, handled + fwd - carried
    for k in keys:
        t3[k][6] = sum(t3[k][:6])
    t4 = []
    busy4 = rnd.random()
    for _ in range(3):
        block = [rnd.randint(0, rnd.choice([3, 30, 300])) if rnd.random() < busy4 else 0 for _ in range(4)]
        t4 += block + [sum(block)]

    # Zero cells printed blank: none, scattered, a zero row's parts (its total printed 0), or every zero.
    blanks = rnd.choices(["none", "scattered", "zero-rows", "all-zeros"], [4, 2, 3, 2])[0]
    p = rnd.choice([0.3, 0.6, 0.9])

    def blank_row(vals, total_at):
        if blanks == "none":
            return vals
        if blanks == "scattered":
            return [None if v == 0 and rnd.random() < p else v for v in vals]
        if blanks == "all-zeros":
            return [None if v == 0 else v for v in vals]
        if all(v == 0 for v in vals):  # zero-rows
            return [None if i != total_at else 0 for i in range(len(vals))]
        return vals

    t3 = {k: blank_row(v, 6) for k, v in t3.items()}
    t4 = sum((blank_row(t4[b * 5:b * 5 + 5], 4) for b in range(3)), [])

    def count(top=50):
        return 0 if rnd.random() < 0.4 else rnd.randint(1, rnd.choice([5, top, 1000]))

    def amount():
        return 0 if rnd.random() < 0.4 else round(rnd.uniform(0, rnd.choice([10, 999, 50000])), rnd.choice([0, 2, 4]))

    if fmt_name == "2019":
        t2 = {k: [count(), count(), count(300)] for k in ("regulations", "normative_documents")}
        for k in ("licensing", "other_services", "penalty", "enforcement"):
            t2[k] = [count(), rnd.choice([0, rnd.randint(-30, 30)]), count(1000)]
        t2["fees"] = [count(), rnd.choice([0, rnd.randint(-5, 5)])]
        t2["procurement"] = [count(), amount()]
    else:
        t2 = {k: [count(), count(), count(300)] for k in ("regulations", "normative_documents")}
        for k in ("licensing", "penalty", "enforcement"):
            t2[k] = [count(1000)]
        t2["fees"] = [amount()]
    if blanks != "none":
        t2 = {k: [None if v == 0 and rnd.random() < p else v for v in vals] for k, vals in t2.items()}

    exp = {"year": year, "format": fmt_name, "sections_present": [1, 2, 3, 4, 5, 6], "table2": t2, "table3": t3,
           "table4": t4, "arithmetic_errors": [],
           "generator": {"seed": n, "table3": profile, "blanks": blanks + ("" if blanks in ("none", "all-zeros", "zero-rows") else f" p={p}")},
           "notes": "made up by make-test-pdfs --random: every identity holds; null is a cell printed blank"}

    # Prose: its length before each table moves where table 3 crosses a page.
    lines = [f"{body}{year}年政府信息公开工作年度报告", ""]
    lines += prose(rnd, year, body, rnd.randint(0, 1))
    heads = [CANONICAL[1], CANONICAL[2], CANONICAL[3], rnd.choice(HEADS4), rnd.choice(HEADS5), CANONICAL[6]]
    tables = {2: table2(fmt_name, t2), 3: table3(fmt_name, t3), 4: table4(t4)}
    for i, h in enumerate(heads, 1):
        lines += ["", h, ""]
        lines += prose(rnd, year, body, rnd.randint(1 if i == 1 else 0, 7) if i in (1, 2, 3) else rnd.randint(0, 2))
        if i in tables:
            lines += [""] + grid_text(tables[i])
    return f"random-{n:04d}", "\n".join(lines) + "\n", exp


# ---------------------------------------------------------------- building the .docx

def fonts(run, east=BODY_CJK, size=None, bold=False):
    run.font.name = LATIN
    rpr = run._element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rpr.insert(0, rf)
    for a in ("w:ascii", "w:hAnsi"):
        rf.set(qn(a), LATIN)
    rf.set(qn("w:eastAsia"), east)
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def para(doc, text, east=BODY_CJK, size=16, bold=False, align=None, indent=True):
    p = doc.add_paragraph()
    pf = p.paragraph_format
    pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28)
    pf.space_before = pf.space_after = Pt(0)
    if indent:
        pf.first_line_indent = Pt(2 * size)
    if align is not None:
        p.alignment = align
    fonts(p.add_run(text), east, size, bold)
    return p


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, float):
        return ("%.4f" % v).rstrip("0").rstrip(".")
    return str(v)


class Grid:
    """A bordered table as Word has it: cells at (row, col), merged over ranges. Rendered to
    a python-docx table (LibreOffice) or to HTML (Chromium) with the same spans and widths."""

    def __init__(self, rows, widths_cm, size=10.5, row_cm=0.8, header=0):
        self.rows, self.widths, self.size, self.row_cm, self.header = rows, widths_cm, size, row_cm, header
        self.cells = {}  # (r, c) -> (text, r2, c2, align, narrow)

    def put(self, r, c, text, r2=None, c2=None, align="center", narrow=False):
        self.cells[(r, c)] = (text, r if r2 is None else r2, c if c2 is None else c2, align, narrow)

    def header_rows(self, n):
        self.header = n

    def to_docx(self, doc):
        t = doc.add_table(rows=self.rows, cols=len(self.widths))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        for i, w in enumerate(self.widths):
            t.columns[i].width = Cm(w)
            for c in t.columns[i].cells:
                c.width = Cm(w)
        for r in t.rows:
            r.height, r.height_rule = Cm(self.row_cm), WD_ROW_HEIGHT_RULE.AT_LEAST
        for r in t.rows[:self.header]:
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            r._tr.get_or_add_trPr().append(el)
        for (r, c), (text, r2, c2, align, _) in sorted(self.cells.items()):
            cell = t.cell(r, c)
            if (r2, c2) != (r, c):
                cell = cell.merge(t.cell(r2, c2))
            for extra in cell.paragraphs[1:]:
                extra._element.getparent().remove(extra._element)
            p = cell.paragraphs[0]
            for run in list(p.runs):
                run._element.getparent().remove(run._element)
            pf = p.paragraph_format
            pf.space_before = pf.space_after = Pt(0)
            pf.first_line_indent = Pt(0)
            pf.line_spacing = 1.0
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if align == "left" else WD_ALIGN_PARAGRAPH.CENTER
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            fonts(p.add_run(text), BODY_CJK, self.size)

    def to_canvas(self, cv, font, left, width, y, bottom, new_page):
        """Draws the grid at y[0] downwards, rows too low for the page on the next one, with
        the header rows repeated there (as Word does); a merged cell's text starts in its
        first row, wrapped to its width."""
        from reportlab.pdfbase.pdfmetrics import stringWidth
        cm = 72 / 2.54
        xs = [left + (width - sum(self.widths) * cm) / 2]
        for w in self.widths:
            xs.append(xs[-1] + w * cm)
        line = self.size * 1.25

        def wrap(text, w):
            lines, cur = [], ""
            for ch in text:
                if cur and stringWidth(cur + ch, font, self.size) > w - 4:
                    lines.append(cur)
                    cur = ch
                else:
                    cur += ch
            return lines + [cur] if cur else lines

        heights = [self.row_cm * cm] * self.rows
        for (r, c), (text, r2, c2, _, _) in self.cells.items():
            if r2 == r:
                heights[r] = max(heights[r], len(wrap(text, xs[c2 + 1] - xs[c])) * line + 6)

        def draw_row(r):
            if y[0] - heights[r] < bottom:
                new_page()
                for h in range(self.header):
                    draw_row(h)
            top, bot = y[0], y[0] - heights[r]
            for (r0, c), (text, r2, c2, align, _) in self.cells.items():
                if not r0 <= r <= r2:
                    continue
                x0, x1 = xs[c], xs[c2 + 1]
                cv.line(x0, top, x0, bot)
                cv.line(x1, top, x1, bot)
                if r == r0:
                    cv.line(x0, top, x1, top)
                if r == r2:
                    cv.line(x0, bot, x1, bot)
                if r == r0 and text:
                    lines = wrap(text, x1 - x0)
                    rows_h = heights[r] if r2 == r else sum(heights[r:r2 + 1])
                    ty = top - max((min(rows_h, y[0] - bottom) - len(lines) * line) / 2, 0) - self.size
                    cv.setFont(font, self.size)
                    for ln in lines:
                        if align == "left":
                            cv.drawString(x0 + 2, ty, ln)
                        else:
                            cv.drawCentredString((x0 + x1) / 2, ty, ln)
                        ty -= line
            # Cells no text was put in still have borders.
            for c in range(len(self.widths)):
                if not any(r0 <= r <= r2 and c0 <= c <= c2 for (r0, c0), (_, r2, c2, _, _) in self.cells.items()):
                    cv.rect(xs[c], bot, xs[c + 1] - xs[c], top - bot)
            y[0] = bot

        for r in range(self.rows):
            draw_row(r)

    def to_html(self):
        covered = set()
        for (r, c), (_, r2, c2, _, _) in self.cells.items():
            covered |= {(i, j) for i in range(r, r2 + 1) for j in range(c, c2 + 1)} - {(r, c)}
        out = [f'<table style="font-size:{self.size}pt">',
               "<colgroup>" + "".join(f'<col style="width:{w}cm">' for w in self.widths) + "</colgroup>"]
        for r in range(self.rows):
            if r == 0 and self.header:
                out.append("<thead>")
            if r == self.header:
                out.append("</thead><tbody>" if self.header else "<tbody>")
            out.append(f'<tr style="height:{self.row_cm}cm">')
            for c in range(len(self.widths)):
                if (r, c) in covered:
                    continue
                text, r2, c2, align, narrow = self.cells.get((r, c), ("", r, c, "center", False))
                span = (f' rowspan="{r2 - r + 1}"' if r2 > r else "") + (f' colspan="{c2 - c + 1}"' if c2 > c else "")
                cls = " ".join(x for x in ("left" if align == "left" else "", "narrow" if narrow else "") if x)
                out.append(f"<td{span}{' class=' + chr(34) + cls + chr(34) if cls else ''}>{html.escape(text)}</td>")
            out.append("</tr>")
        out.append("</tbody></table>")
        return "\n".join(out)


def table2(fmt_name, t2):
    L = "left"
    if fmt_name == "2019":
        blocks = [("第二十条第（一）项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                   [("regulations", "规章"), ("normative_documents", "规范性文件")]),
                  ("第二十条第（五）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                   [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]),
                  ("第二十条第（六）项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                   [("penalty", "行政处罚"), ("enforcement", "行政强制")]),
                  ("第二十条第（八）项", ["信息内容", "上一年项目数量", "本年增/减"], [("fees", "行政事业性收费")]),
                  ("第二十条第（九）项", ["信息内容", "采购项目数量", "采购总金额"], [("procurement", "政府集中采购")])]
    else:
        blocks = [("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                   [("regulations", "规章"), ("normative_documents", "行政规范性文件")]),
                  ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("licensing", "行政许可")]),
                  ("第二十条第（六）项", ["信息内容", "本年处理决定数量"], [("penalty", "行政处罚"), ("enforcement", "行政强制")]),
                  ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("fees", "行政事业性收费")])]
    nrows = sum(2 + len(rows) for _, _, rows in blocks)
    g = Grid(nrows, [4.6, 3.6, 3.6, 3.6], size=12, row_cm=0.75)
    r = 0
    for head, cols, rows in blocks:
        g.put(r, 0, head, c2=3)
        r += 1
        spans = [(0, 0)] + ([(1, 1), (2, 2), (3, 3)] if len(cols) == 4 else
                            [(1, 1), (2, 3)] if len(cols) == 3 else [(1, 3)])
        for (a, b), text in zip(spans, cols):
            g.put(r, a, text, c2=b)
        r += 1
        for key, label in rows:
            g.put(r, 0, label, align=L)
            vals = (t2 or {}).get(key) or [None] * (len(spans) - 1)
            for (a, b), v in zip(spans[1:], vals):
                g.put(r, a, fmt(v), c2=b)
            r += 1
    return g


def table3(fmt_name, t3):
    L = "left"
    other = OTHER21 if fmt_name != "2019" else None
    nres = 2 + len(DENIED) + len(UNABLE) + len(NOT_HANDLED) + (len(other) if other else 1) + 1
    rows = 3 + 2 + nres + 1
    # narrow first column: 三、本年度办理结果 comes out one character a line, as in Word
    g = Grid(rows, [0.95, 1.9, 4.1] + [1.23] * 7, size=12, row_cm=0.9)
    g.put(0, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", r2=2, c2=2)
    g.put(0, 3, "申请人情况", c2=9)
    g.put(1, 3, "自然人", r2=2)
    g.put(1, 4, "法人或其他组织", c2=8)
    g.put(1, 9, "总计", r2=2)
    for i, h in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        g.put(2, 4 + i, h)
    g.header_rows(3)
    total_key = "total_handled" if "total_handled" in t3 else "total"

    def nums(r, key):
        for i, v in enumerate(t3.get(key) or [None] * 7):
            g.put(r, 3 + i, fmt(v))

    r = 3
    for key, label in [("new_received", "一、本年新收政府信息公开申请数量"), ("carried_over", "二、上年结转政府信息公开申请数量")]:
        g.put(r, 0, label, c2=2, align=L)
        nums(r, key)
        r += 1
    g.put(r, 0, "三、本年度办理结果", r2=r + nres - 1, narrow=True)
    for key, label in [("granted", "（一）予以公开"), ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")]:
        g.put(r, 1, label, c2=2, align=L)
        nums(r, key)
        r += 1
    groups = [("（三）不予公开", "denied", DENIED), ("（四）无法提供", "unable", UNABLE), ("（五）不予处理", "not_handled", NOT_HANDLED)]
    if other:
        groups.append(("（六）其他处理", "other", other))
    for glabel, prefix, items in groups:
        g.put(r, 1, glabel, r2=r + len(items) - 1)
        for key, label in items:
            g.put(r, 2, label, align=L)
            nums(r, f"{prefix}.{key}")
            r += 1
    if not other:
        g.put(r, 1, "（六）其他处理", c2=2, align=L)
        nums(r, "other")
        r += 1
    g.put(r, 1, "（七）总计", c2=2, align=L)
    nums(r, total_key)
    r += 1
    g.put(r, 0, "四、结转下年度继续办理", c2=2, align=L)
    nums(r, "carried_forward")
    return g


def table4(t4):
    g = Grid(4, [1.04] * 15, size=9, row_cm=0.9)
    g.put(0, 0, "行政复议", r2=1, c2=4)
    g.put(0, 5, "行政诉讼", c2=14)
    g.put(1, 5, "未经复议直接起诉", c2=9)
    g.put(1, 10, "复议后起诉", c2=14)
    for b in range(3):
        for i, h in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]):
            g.put(2, 5 * b + i, h)
    for i, v in enumerate(t4 or [None] * 15):
        g.put(3, i, fmt(v))
    return g


def blocks(text, exp):
    """The report as a list: ("title"|"head"|"p", text) and ("table", Grid)."""
    title, intro, sections = split_report(text)
    out = [("title", title)] + [("p", l) for l in intro]
    fmt_name = exp.get("format") or "2021"
    for n in range(1, 7):
        heading, body = sections.get(n, (CANONICAL[n], []))
        out.append(("head", heading))
        out += [("p", l) for l in body]
        if n == 2:
            out.append(("table", table2(fmt_name, exp.get("table2"))))
        elif n == 3 and "table3" in exp:
            out.append(("table", table3(fmt_name, exp["table3"])))
        elif n == 4:
            out.append(("table", table4(exp.get("table4"))))
    return out


def page_number_footer(section):
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fonts(p.add_run("- "), BODY_CJK, 14)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    p._p.append(fld)
    fonts(p.add_run(" -"), BODY_CJK, 14)


def write_docx(bl, path):
    doc = Document()
    s = doc.sections[0]
    s.page_width, s.page_height = Cm(21), Cm(29.7)
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
    s.footer_distance = Cm(2.2)
    page_number_footer(s)
    for kind, x in bl:
        if kind == "title":
            para(doc, x, HEAD_CJK, 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
            para(doc, "", indent=False)
        elif kind == "head":
            para(doc, x, HEAD_CJK, 16)
        elif kind == "p":
            para(doc, x)
        else:
            x.to_docx(doc)
    doc.save(path)


# GB/T 9704 page: A4, 3.7/2.6/3.5/2.8 cm margins, 三号 body on a 28 pt line, "- N -" in 四号.
CSS = """
@page { size: 21cm 29.7cm; margin: 3.7cm 2.6cm 3.5cm 2.8cm;
  @bottom-center { content: "- " counter(page) " -"; font: 14pt "%(latin)s", "%(body)s"; vertical-align: top; padding-top: 1.2cm; } }
body { margin: 0; font: 16pt/28pt "%(latin)s", "%(body)s"; }
p { margin: 0; text-indent: 2em; text-align: justify; }
h1 { margin: 0 0 28pt; font: 22pt/36pt "%(latin)s", "%(head)s"; text-align: center; font-weight: normal; }
h2 { margin: 0; font: 16pt/28pt "%(latin)s", "%(head)s"; text-indent: 2em; font-weight: normal; }
table { border-collapse: collapse; table-layout: fixed; margin: 0 auto; line-height: 1.25; }
td { border: 0.75pt solid #000; padding: 0 0.1cm; text-align: center; vertical-align: middle; }
td.left { text-align: left; }
td.narrow { line-break: anywhere; word-break: break-all; }
""" % {"latin": LATIN, "body": BODY_CJK, "head": HEAD_CJK}


def write_html(bl, path):
    out = ['<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>', CSS, "</style></head><body>"]
    for kind, x in bl:
        if kind == "title":
            out.append(f"<h1>{html.escape(x)}</h1>")
        elif kind == "head":
            out.append(f"<h2>{html.escape(x)}</h2>")
        elif kind == "p":
            out.append(f"<p>{html.escape(x)}</p>")
        else:
            out.append(x.to_html())
    out.append("</body></html>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


# ---------------------------------------------------------------- PDF and text

def chromium_pdf(html_path, pdf, profile):
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + os.path.abspath(html_path)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)


def libreoffice_pdf(docx, outdir, profile):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", outdir, docx],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)


def reportlab_pdf(bl, pdf):
    """The page drawn directly in reportlab's STSong-Light (UniGB-UCS2-H, no ToUnicode)."""
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    W, H = 21 * cm, 29.7 * cm
    left, right, top, bottom = 2.8 * cm, 2.6 * cm, 3.7 * cm, 3.5 * cm
    cv = canvas.Canvas(pdf, pagesize=(W, H))
    page, y = [1], [H - top]

    def new_page():
        cv.setFont(font, 14)
        cv.drawCentredString(W / 2, bottom - 1.5 * cm, f"- {page[0]} -")
        cv.showPage()
        page[0] += 1
        y[0] = H - top

    def wrap(text, size, first_indent):
        lines, cur = [], ""
        for ch in text:
            room = W - left - right - (first_indent if not lines else 0)
            if cur and pdfmetrics.stringWidth(cur + ch, font, size) > room:
                lines.append(cur)
                cur = ch
            else:
                cur += ch
        return lines + [cur]

    for kind, x in bl:
        if kind == "table":
            x.to_canvas(cv, font, left, W - left - right, y, bottom, new_page)
            continue
        size, step = (22, 36) if kind == "title" else (16, 28)
        indent = 0 if kind == "title" else 2 * size
        for i, ln in enumerate(wrap(x, size, indent)):
            if y[0] - step < bottom:
                new_page()
            y[0] -= step
            cv.setFont(font, size)
            if kind == "title":
                cv.drawCentredString(W / 2, y[0], ln)
            else:
                cv.drawString(left + (indent if i == 0 else 0), y[0], ln)
    new_page()
    cv.save()


def extract(pdf, base, repo):
    subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, base + ".pdftotext.txt"], check=True)
    subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", pdf, base + ".layout.txt"], check=True)
    import pdfplumber
    with pdfplumber.open(pdf) as p:
        pages = [pg.extract_text() or "" for pg in p.pages]
    with open(base + ".pdfplumber.txt", "w", encoding="utf-8") as f:
        f.write("\n\f".join(pages) + "\n")
    # What Firefox's viewer (PDF.js) and Chrome's/Edge's (PDFium) copy after Ctrl+A.
    with open(base + ".pdfjs.txt", "w", encoding="utf-8") as f:
        subprocess.run(["node", os.path.join(repo, "scripts", "pdfjs_text.mjs"), pdf], stdout=f, check=True)
    sys.path.insert(0, os.path.join(repo, "scripts"))
    import pdfium_text
    with open(base + ".pdfium.txt", "w", encoding="utf-8") as f:
        f.write(pdfium_text.copy_all(pdf))


def render(name, text, exp, a, profile):
    base = os.path.join(a.outdir, name)
    bl = blocks(text, exp)
    write_docx(bl, base + ".docx")
    write_html(bl, base + ".html")
    if a.engine == "chromium":
        chromium_pdf(base + ".html", base + ".pdf", profile)
    elif a.engine == "reportlab":
        reportlab_pdf(bl, base + ".pdf")
    else:
        libreoffice_pdf(base + ".docx", a.outdir, profile)
    extract(base + ".pdf", base, a.repo)
    with open(base + ".expected.json", "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
    print(f"{name}: {base}.pdf", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("files", nargs="*")
    ap.add_argument("--varied", action="store_true")
    ap.add_argument("--random", type=int, default=0, metavar="N", help="N made-up reports (random-NNNN) instead of files")
    ap.add_argument("--first", type=int, default=0, metavar="K", help="with --random: start at report number K")
    ap.add_argument("--engine", choices=["chromium", "libreoffice", "reportlab"], default="chromium")
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="pdf-profile-")
    try:
        for n in range(a.first, a.first + a.random):
            name, text, exp = random_report(n)
            with open(os.path.join(a.outdir, name + ".txt"), "w", encoding="utf-8") as f:
                f.write(text)
            render(name, text, exp, a, profile)
        for path in a.files:
            name = os.path.basename(path)[:-4] if path.endswith(".txt") else os.path.basename(path)
            raw = open(path, "rb").read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("gb18030", errors="replace")
            ej = path[:-4] + ".expected.json" if path.endswith(".txt") else path + ".expected.json"
            exp = json.load(open(ej, encoding="utf-8")) if os.path.exists(ej) else from_nianbao(path, a.repo)
            jobs = [(name, exp)] + ([(name + "-varied", varied(exp, name))] if a.varied and "table3" in exp else [])
            for n, e in jobs:
                render(n, text, e, a, profile)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
