#!/usr/bin/env bash
# Builds a portable alvh: the Swift runtime and Foundation linked in
# (--static-swift-stdlib) and GSL linked statically (libgsl.a and
# libgslcblas.a from libgsl-dev), so the binary needs only the C and C++
# runtime of the machine it runs on (glibc, libstdc++, libgcc_s, libm), not a
# Swift toolchain or GSL. Copy it to a cluster's compute nodes as it is.
# Usage: scripts/build-portable.sh [OUT]   (default .build/portable/alvh)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/portable/alvh}"
libdir="$(pkg-config --variable=libdir gsl 2>/dev/null || echo /usr/lib/x86_64-linux-gnu)"
[ -f "$libdir/libgsl.a" ] && [ -f "$libdir/libgslcblas.a" ] || { echo "build-portable: $libdir has no libgsl.a (apt-get install -y libgsl-dev)" >&2; exit 2; }
# A folder holding only the static archives and a gsl.pc that points at
# it: SwiftPM asks pkg-config how to link GSL, and -lgsl and -lgslcblas
# then resolve to the archives instead of the shared libraries.
static="$(mktemp -d)"
trap 'rm -rf "$static"' EXIT
ln -s "$libdir/libgsl.a" "$libdir/libgslcblas.a" "$static/"
cat > "$static/gsl.pc" <<PC
libdir=$static
includedir=$(pkg-config --variable=includedir gsl 2>/dev/null || echo /usr/include)
Name: GSL
Description: GNU Scientific Library, static archives
Version: $(pkg-config --modversion gsl 2>/dev/null || echo 2)
Libs: -L\${libdir} -lgsl -lgslcblas -lm
Cflags: -I\${includedir}
PC
PKG_CONFIG_PATH="$static${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" \
  swift build -c release --product alvh --static-swift-stdlib --build-path .build/portable-build >&2
mkdir -p "$(dirname "$out")"
cp .build/portable-build/release/alvh "$out"
echo "$out"
