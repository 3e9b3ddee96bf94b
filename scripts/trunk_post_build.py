#!/usr/bin/env python3
"""Trunk post_build hook: move the inline module loader into boot.js (the CSP allows only
the site's own script files), build the PDF and .xlsx modules beside the page and name each
in a <meta name="nianbao-pdf">, <meta name="nianbao-xlsx"> (wasm_module.py; fetched only
when a PDF arrives, when Excel is first exported), refuse a build whose page would load
anything from another origin, and write nianbao.html, the whole page in one file for
file:// (single_file.py)."""
import hashlib, os, re, subprocess, sys

stage = os.environ["TRUNK_STAGING_DIR"]
path = os.path.join(stage, "index.html")
html = open(path, encoding="utf-8").read()

pat = re.compile(r'<script type="module"(?![^>]*\bsrc=)([^>]*)>(.*?)</script>', re.S)
m = pat.search(html)
if not m:
    sys.exit("post_build: Trunk's inline loader not found in index.html")
boot = m.group(2).strip() + "\n"
# Hashed like Trunk's own files, so a server's cache never pairs an old loader with new wasm.
name = "boot-%s.js" % hashlib.sha256(boot.encode()).hexdigest()[:16]
open(os.path.join(stage, name), "w", encoding="utf-8").write(boot)
html = html[:m.start()] + '<script type="module" src="./%s"></script>' % name + html[m.end():]
if re.search(r'<script(?![^>]*\bsrc=)[^>]*>\s*\S', html):
    sys.exit("post_build: an inline script is left; the CSP would block it")
external = re.findall(r'(?:src|href)="(?:https?:)?//[^"]+"', html)
if external:
    sys.exit("post_build: the page would load from another origin: %s" % external)
here = os.path.dirname(os.path.abspath(__file__))
for crate in ["nianbao-pdf", "nianbao-xlsx"]:
    built = subprocess.run([sys.executable, os.path.join(here, "wasm_module.py"), crate, stage], check=True, stdout=subprocess.PIPE, text=True)
    # A name, not a preload: the first screen must not fetch it.
    html = html.replace("</head>", '  <meta name="%s" content="./%s">\n</head>' % (crate, built.stdout.strip()), 1)
open(path, "w", encoding="utf-8").write(html)
subprocess.run([sys.executable, os.path.join(here, "single_file.py"), stage], check=True)
