/**
 * The GitLab jobs' Node.js, which runs hop-ci. The jobs' image is the project's Python
 * (the Python version matters to the project; the Node.js one does not, beyond hop-ci's
 * floor), so an image that has Node.js 20.19+ is used as it is, and any other gets the
 * pinned Node.js below: downloaded once per GitLab cache, its SHA-256 checked on every
 * use (a cache is writable by other pipelines), never piped from curl into tar.
 * The checksums are those of https://nodejs.org/dist/v<version>/SHASUMS256.txt.
 */
export const GITLAB_NODE = {
  version: '22.12.0',
  sha256: {
    x64: '22982235e1b71fa8850f82edd09cdae7e3f32df1764a9ec298c72d25ef2c164f',
    arm64: '8cfd5a8b9afae5a2e0bd86b0148ca31d2589c0ea669c2d0b11c132e35d90ed68',
  },
} as const;

/** Reads HOP_NODE_VERSION and HOP_NODE_SHA256_X64/_ARM64 from the job's variables. */
export const NODE_SETUP_SCRIPT = `if node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null; then
  echo "Node.js $(node --version) is on the image"
else
  case "$(uname -m)" in
    x86_64) arch=x64; sum="$HOP_NODE_SHA256_X64" ;;
    aarch64) arch=arm64; sum="$HOP_NODE_SHA256_ARM64" ;;
    *) echo "hop-ci pins Node.js for x86_64 and aarch64 only: use an image with Node.js 20.19 or newer" >&2; exit 1 ;;
  esac
  tarball=".hop-ci-cache/node-v$HOP_NODE_VERSION-linux-$arch.tar.xz"
  mkdir -p .hop-ci-cache
  if [ ! -f "$tarball" ]; then
    echo "downloading Node.js $HOP_NODE_VERSION ($arch)"
    curl -fsSL -o "$tarball.part" "https://nodejs.org/dist/v$HOP_NODE_VERSION/node-v$HOP_NODE_VERSION-linux-$arch.tar.xz"
    mv "$tarball.part" "$tarball"
  fi
  if ! echo "$sum  $tarball" | sha256sum -c --status; then
    rm -f "$tarball"
    echo "$tarball does not have the SHA-256 hop-ci pins ($sum): not installed" >&2
    exit 1
  fi
  tar -xJf "$tarball" -C /usr/local --strip-components=1
  echo "Node.js $(node --version) installed from the cache"
fi
`;
