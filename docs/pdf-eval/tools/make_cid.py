"""A CID-keyed PDF with UniGB-UCS2-H, no embedded font, no ToUnicode (reportlab STSong-Light):
a table-3-like grid with labels, numbers and ruling lines. Writes cid.pdf and cid.expected.json."""
import json
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
rows = [("一、本年新收政府信息公开申请数量", [3001, 53, 0, 0, 61, 4, 3119]),
        ("二、上年结转政府信息公开申请数量", [34, 0, 0, 0, 0, 0, 34]),
        ("（一）予以公开", [1288, 21, 0, 0, 50, 3, 1362]),
        ("1.属于国家秘密", [2, 0, 0, 0, 0, 0, 2]),
        ("3.危及“三安全一稳定”", [5, 0, 0, 0, 0, 0, 5])]
c = canvas.Canvas("/tmp/pdf-eval/cid/cid.pdf")
c.setFont("STSong-Light", 16)
c.drawString(72, 780, "三、收到和处理政府信息公开申请情况")
y = 740
for label, nums in rows:
    c.setFont("STSong-Light", 10.5)
    c.drawString(60, y + 6, label)
    for i, n in enumerate(nums):
        c.drawCentredString(300 + i * 40, y + 6, str(n))
    c.line(50, y, 560, y); c.line(50, y + 22, 560, y + 22)
    for x in [50, 280] + [280 + 40 * (i + 1) for i in range(7)]:
        c.line(x, y, x, y + 22)
    y -= 22
c.save()
t3 = {"new_received": rows[0][1], "carried_over": rows[1][1], "granted": rows[2][1],
      "denied.state_secret": rows[3][1], "denied.three_safeties": rows[4][1]}
json.dump({"table3": t3, "table4": []}, open("/tmp/pdf-eval/cid/cid.expected.json", "w"), ensure_ascii=False)
