#!/usr/bin/env bash
# wasm-size.sh CRATE [cargo args...]: release wasm (opt z, lto, cu 1, panic abort), wasm-opt -Oz, gzip -9.
set -uo pipefail
cd /tmp/pdf-eval
c=$1; shift
export CARGO_TARGET_DIR=/tmp/pdf-eval/target
if ! nice -n 10 cargo build -q --profile wasm --target wasm32-unknown-unknown -p "$c" --lib "$@" > out/wasm-$c.log 2>&1; then
  echo "$c BUILD-FAILED $(grep -m3 -E '^error' out/wasm-$c.log | tr '\n' ' ')"; exit 1; fi
w=target/wasm32-unknown-unknown/wasm/$c.wasm
glue=0
if grep -q __wbindgen "$w"; then   # getrandom's wasm_js pulls wasm-bindgen: finish the module as Trunk would
  rm -rf out/wb-$c; wasm-bindgen --target web --out-dir out/wb-$c "$w" || { echo "$c WASM-BINDGEN-FAILED"; exit 1; }
  w=out/wb-$c/${c}_bg.wasm; glue=$(gzip -9 -c out/wb-$c/$c.js | wc -c)
fi
/work/main/node_modules/.bin/wasm-opt -Oz "$w" -o out/$c.opt.wasm 2> out/wasmopt-$c.log || { echo "$c WASM-OPT-FAILED $(head -2 out/wasmopt-$c.log)"; exit 1; }
raw=$(stat -c %s "$w"); opt=$(stat -c %s out/$c.opt.wasm); gz=$(gzip -9 -c out/$c.opt.wasm | wc -c)
imports=$(node -e "const m=new WebAssembly.Module(require('fs').readFileSync('out/$c.opt.wasm'));console.log(WebAssembly.Module.imports(m).map(i=>i.module+'.'+i.name).join(','))")
echo "$c raw=$raw opt=$opt gz=$gz glue_js_gz=$glue imports=[$imports]"
