#!/usr/bin/env bash
# Installs the Debian packages dialect-archive needs to build, run and test, when missing.
set -euo pipefail
packages=(pkg-config libsqlite3-dev sqlite3 postgresql-15 postgresql-contrib libsndfile1-dev libmpg123-dev libfftw3-dev libsoxr-dev libchromaprint-dev libchromaprint-tools espeak-ng ffmpeg sox flac chromium chromium-driver fonts-wqy-microhei)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
