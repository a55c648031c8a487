# Installs the Debian packages AICC needs to build, run and test. Sourced by scripts/*.
# apt-get runs only when something is missing, so repeated runs are fast.
AICC_BUILD_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libssl-dev libsodium-dev libutf8proc-dev
  libxapian-dev libfasttext-dev fasttext libcurl4-openssl-dev
  libtomlplusplus-dev libcli11-dev libexpected-dev libyaml-cpp-dev
  libjemalloc-dev nodejs
)
AICC_TEST_PACKAGES=(
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql python3 python3-pytest wrk curl
  # test_tls.py and bench/tls_load.sh make throw-away certificates with the openssl CLI.
  openssl
  # The end-to-end tests' browser (driven by Playwright from web/; its own browser
  # download is not reachable) and fonts, so pages and screenshots show Hangul and emoji.
  chromium fonts-nanum fonts-noto-color-emoji
  # libFuzzer (clang's runtime) for the fuzz targets in fuzz/ (scripts/fuzz); line coverage.
  clang libclang-rt-14-dev gcovr
)

aicc_install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if ((${#missing[@]})); then
    echo "==> installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# Builds web/dist (embedded into the binary at compile time).
aicc_build_web() {
  echo "==> building web assets"
  (cd "$AICC_ROOT/web" && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build)
}
