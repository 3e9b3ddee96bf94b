#!/usr/bin/env python3
"""Writes dist/nianbao.html: the whole page in one file, for a USB stick or a machine where
nothing can be installed. Browsers refuse module scripts and wasm fetches from file://, so
the stylesheet, the probe, the wasm-bindgen glue and the wasm itself (base64) are inlined,
and the PDF and .xlsx modules too: each base64 in a <script type="application/octet-stream">,
which the browser never runs (so the CSP needs nothing for it) and the page decodes when a
PDF arrives or Excel is first exported.
The Content-Security-Policy stays as strict as the served page's: no origin at all may be
contacted, and only these inline blocks may run, each allowed by its SHA-256 hash.

    python3 scripts/single_file.py [dist]
"""
import base64, glob, hashlib, os, re, sys

dist = sys.argv[1] if len(sys.argv) > 1 else "dist"


def one(pattern):
    found = glob.glob(os.path.join(dist, pattern))
    if len(found) != 1:
        sys.exit("single_file: expected one %s in %s, found %d" % (pattern, dist, len(found)))
    return found[0]


def read(path, mode="r"):
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
        return f.read()


def sha256(text):
    return "'sha256-%s'" % base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


html = read(os.path.join(dist, "index.html"))
css = read(one("style-*.css"))
probe = read(one("probe-*.js"))
glue_path = one("web-*.js")
glue = read(glue_path)
wasm = read(glue_path.replace(".js", "_bg.wasm"), "rb")
modules = {m: read(one(m + "-*.wasm"), "rb") for m in ["nianbao-pdf", "nianbao-xlsx"]}

# The glue is an ES module; inline, its export line has no importer and goes.
glue = re.sub(r"^export \{[^}]*\};\s*$", "", glue, flags=re.M)
boot = (
    glue
    + "\nconst bytes = Uint8Array.from(atob('%s'), c => c.charCodeAt(0));\n" % base64.b64encode(wasm).decode()
    + "await __wbg_init({ module_or_path: bytes });\n"
)

# Everything that would load a file goes; what it loaded comes inline.
html = re.sub(r'<link rel="stylesheet"[^>]*>', lambda _: "<style>%s</style>" % css, html)
html = re.sub(r'<script src="\./probe-[^"]*"[^>]*></script>', lambda _: "<script>%s</script>" % probe, html)
html = re.sub(r'<script type="module" src="[^"]*"></script>', "", html)
html = re.sub(r'<link rel="(?:modulepreload|preload)"[^>]*>', "", html)
html = re.sub(r'<meta name="nianbao-(?:pdf|xlsx)"[^>]*>', "", html)
inline = "".join(
    '<script type="application/octet-stream" id="%s">%s</script>\n' % (m, base64.b64encode(b).decode()) for m, b in modules.items()
)
html = html.replace("</body>", inline + '<script type="module">%s</script>\n</body>' % boot)

csp = (
    "default-src 'none'; script-src %s %s 'wasm-unsafe-eval'; style-src %s; img-src data: blob:; "
    "connect-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'" % (sha256(probe), sha256(boot), sha256(css))
)
html, n = re.subn(r'(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")', lambda m: m.group(1) + csp + m.group(2), html)
if n != 1:
    sys.exit("single_file: the Content-Security-Policy meta tag was not found")
left = re.findall(r'(?:src|href)="(?!data:)[^"]+"', html)
if left:
    sys.exit("single_file: the page would still load files: %s" % left)

out = os.path.join(dist, "nianbao.html")
with open(out, "w", encoding="utf-8") as f:
    f.write(html)
print("single_file: %s, %d KB" % (out, os.path.getsize(out) // 1024))
