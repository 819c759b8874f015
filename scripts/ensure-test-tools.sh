#!/usr/bin/env bash
# The Debian tools the tests use beside Node and Redis: xmllint (the XSD checks), promtool
# (the metrics exposition and the scrape config), chromium (the operations page's browser
# tests, driven by playwright-core) and docker-compose (validates docker/compose.yaml).
# Missing ones are installed from Debian's packages when run as root (a fresh Debian
# machine, CI); otherwise the exact command to run is printed and the tests do not start.
set -euo pipefail

# tool → package and its apt flags (docker-compose keeps its recommended packages, as it always has).
tools=(xmllint promtool chromium docker-compose)
declare -A package=([xmllint]=libxml2-utils [promtool]=prometheus [chromium]=chromium [docker-compose]=docker-compose)
declare -A flags=([xmllint]="" [promtool]="--no-install-recommends" [chromium]="--no-install-recommends" [docker-compose]="")

missing=()
for tool in "${tools[@]}"; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  packages=$(for tool in "${missing[@]}"; do printf '%s ' "${package[$tool]}"; done)
  echo "[brygga] the tests need ${missing[*]}: sudo apt-get install -y ${packages}" >&2
  exit 1
fi
updated=no
for tool in "${missing[@]}"; do
  echo "[brygga] installing Debian's ${package[$tool]} (${tool}) for the tests"
  # shellcheck disable=SC2086 # the flags are words
  if ! apt-get install -y -qq ${flags[$tool]} "${package[$tool]}" >/dev/null 2>&1; then
    [ "$updated" = yes ] || { apt-get update -qq; updated=yes; }
    apt-get install -y -qq ${flags[$tool]} "${package[$tool]}" >/dev/null
  fi
  command -v "$tool" >/dev/null 2>&1 || { echo "[brygga] ${package[$tool]} installed, but ${tool} is still not on the PATH" >&2; exit 1; }
done
