#!/usr/bin/env python3
"""The page's PDF module: the crate nianbao-pdf (pdf/) built as a wasm cdylib with the
`pdf-wasm` profile (size-optimised, panic=abort), shrunk by npm binaryen's wasm-opt -Oz,
written to DIR as nianbao-pdf-HASH.wasm (hashed like Trunk's files, so a cache never pairs
an old module with a new page). Prints the file's name. Called by trunk_post_build.py; the
page fetches the file only when a PDF arrives (src/web/pdf.rs).

    python3 scripts/pdf_module.py DIR
"""
import hashlib, json, os, shutil, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out_dir = sys.argv[1]

subprocess.run(
    ["cargo", "rustc", "--quiet", "-p", "nianbao-pdf", "--lib", "--crate-type", "cdylib",
     "--target", "wasm32-unknown-unknown", "--profile", "pdf-wasm"],
    cwd=root, check=True)
meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"],
                                 cwd=root, check=True, capture_output=True).stdout)
built = os.path.join(meta["target_directory"], "wasm32-unknown-unknown", "pdf-wasm", "nianbao_pdf.wasm")
raw = open(built, "rb").read()

# wasm-opt takes seconds; `trunk serve` rebuilds on every edit of the page, so its output
# is kept by the hash of its input. Debian's wasm-opt is too old for rustc's wasm: npm's.
opt = os.path.join(root, "node_modules", ".bin", "wasm-opt")
if not os.access(opt, os.X_OK):
    sys.exit("pdf_module: %s is missing (bash scripts/setup-web installs it)" % opt)
cache = os.path.join(meta["target_directory"], "pdf-wasm-opt", hashlib.sha256(raw).hexdigest()[:32] + ".wasm")
if not os.path.exists(cache):
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    subprocess.run([opt, "-Oz", built, "-o", cache + ".tmp"], check=True)
    os.replace(cache + ".tmp", cache)
wasm = open(cache, "rb").read()

name = "nianbao-pdf-%s.wasm" % hashlib.sha256(wasm).hexdigest()[:16]
shutil.copyfile(cache, os.path.join(out_dir, name))
print(name)
