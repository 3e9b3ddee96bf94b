#!/usr/bin/env python3
"""The page's lazily loaded modules: a workspace crate (nianbao-pdf, nianbao-xlsx) built as
a wasm cdylib with the `module-wasm` profile (size-optimised, panic=abort), shrunk by npm
binaryen's wasm-opt -Oz, written to DIR as CRATE-HASH.wasm (hashed like Trunk's files, so
a cache never pairs an old module with a new page). Prints the file's name. Called by
trunk_post_build.py; the page fetches a module only when it is first needed (a PDF
dropped: web/src/page/pdf.rs; an Excel export: web/src/page/xlsx.rs).

The page instantiates a module with no imports and no glue: C-ABI exports, numbers in
and out (pdf/src/abi.rs, the protocol pdf/src/wasm.rs and xlsx/src/wasm.rs share). A crate that links wasm-bindgen through a
dependency (nianbao-xlsx: rust_xlsxwriter's clock, zip's getrandom) arrives with
wasm-bindgen's runtime exports and imports: the exports go (none of ours starts with
"__"), and each import left is checked against the few known never to matter (KNOWN)
and replaced by a constant; any other import fails the build, and so does any left.

    python3 scripts/wasm_module.py CRATE DIR
"""
import fnmatch, hashlib, json, os, shutil, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
crate, out_dir = sys.argv[1], sys.argv[2]

# Imports wasm-bindgen leaves in a module built without its CLI, none of which changes
# what a module writes: its own runtime (JS values, externref tables, throwing, futures),
# js_sys::Date::now (rust_xlsxwriter's clock: the workbook's creation time is given by
# the page, so what the clock says is never kept) and crypto.getRandomValues (zip's
# getrandom, for ZipCrypto encryption, which a workbook never uses).
KNOWN = ["__wbindgen_*", "__wbg___wbindgen_*", "__wbg_now_*", "__wbg_getRandomValues_*"]
BINDGEN = {"__wbindgen_placeholder__", "__wbindgen_externref_xform__"}


def leb(b, i):
    n = shift = 0
    while True:
        x = b[i]
        i += 1
        n |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return n, i


def sections(b):
    """(id, start, end) of each section of a wasm binary, the id byte included."""
    i, out = 8, []
    while i < len(b):
        n, j = leb(b, i + 1)
        out.append((b[i], i, j + n))
        i = j + n
    return out


def imports(b):
    """(module, name) of every import."""
    found = []
    for sid, start, end in sections(b):
        if sid != 2:
            continue
        _, i = leb(b, start + 1)
        count, i = leb(b, i)
        for _ in range(count):
            names = []
            for _ in range(2):
                n, i = leb(b, i)
                names.append(b[i:i + n].decode())
                i += n
            kind = b[i]
            i += 1
            if kind == 0:  # function: a type index
                _, i = leb(b, i)
            elif kind in (1, 2):  # table (a reference type, then limits), memory (limits)
                i += kind == 1
                flags, i = leb(b, i)
                _, i = leb(b, i)
                if flags & 1:
                    _, i = leb(b, i)
            elif kind == 3:  # global: a value type and mutability
                i += 2
            else:
                sys.exit("wasm_module: %s imports something of kind %d" % (crate, kind))
            found.append(tuple(names))
    return found


def without_custom_sections(b):
    """wasm-bindgen's metadata (up to 200 KB) and the like: nothing reads them at run time."""
    return b[:8] + b"".join(b[s:e] for sid, s, e in sections(b) if sid != 0)


subprocess.run(
    ["cargo", "rustc", "--quiet", "-p", crate, "--lib", "--crate-type", "cdylib",
     "--target", "wasm32-unknown-unknown", "--profile", "module-wasm"],
    cwd=root, check=True)
meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"],
                                 cwd=root, check=True, capture_output=True).stdout)
built = os.path.join(meta["target_directory"], "wasm32-unknown-unknown", "module-wasm", crate.replace("-", "_") + ".wasm")
raw = open(built, "rb").read()

# wasm-opt takes seconds; `trunk serve` rebuilds on every edit of the page, so its output
# is kept by the hash of its input. Debian's wasm-opt is too old for rustc's wasm: npm's.
opt = os.path.join(root, "node_modules", ".bin", "wasm-opt")
if not os.access(opt, os.X_OK):
    sys.exit("wasm_module: %s is missing (bash scripts/setup-web installs it)" % opt)
cache = os.path.join(meta["target_directory"], "module-wasm-opt", hashlib.sha256(raw).hexdigest()[:32] + ".wasm")
if not os.path.exists(cache):
    os.makedirs(os.path.dirname(cache), exist_ok=True)
    tmp = cache + ".tmp"
    subprocess.run([opt, "--remove-exports=__*", "-Oz", built, "-o", tmp], check=True)
    left = imports(open(tmp, "rb").read())
    unknown = [m + "." + n for m, n in left if m not in BINDGEN or not any(fnmatch.fnmatchcase(n, k) for k in KNOWN)]
    if unknown:
        sys.exit("wasm_module: %s imports what the page does not give: %s" % (crate, ", ".join(unknown)))
    if left:
        subprocess.run([opt, "--remove-imports", tmp, "-o", tmp], check=True)
    wasm = without_custom_sections(open(tmp, "rb").read())
    if imports(wasm):
        sys.exit("wasm_module: %s still imports %s" % (crate, imports(wasm)))
    open(tmp, "wb").write(wasm)
    os.replace(tmp, cache)
wasm = open(cache, "rb").read()

name = "%s-%s.wasm" % (crate, hashlib.sha256(wasm).hexdigest()[:16])
shutil.copyfile(cache, os.path.join(out_dir, name))
print(name)
