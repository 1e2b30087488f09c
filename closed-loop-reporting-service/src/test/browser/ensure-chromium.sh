#!/usr/bin/env bash
# DashboardTest drives Debian's headless Chromium through its chromedriver. Run by the build
# (exec-maven-plugin, phase process-test-classes; skipped with -DskipTests or -Dmaven.test.skip):
# nothing to do when both are there; on Debian as root they are installed; otherwise it fails
# and says what to install.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

if [[ -x $CHROMIUM && -x $CHROMEDRIVER ]]; then
    exit 0
fi

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "ensure-chromium: installing Debian's chromium and chromium-driver for the dashboard's browser test"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends chromium chromium-driver
    if [[ -x $CHROMIUM && -x $CHROMEDRIVER ]]; then
        exit 0
    fi
    echo "ensure-chromium: apt-get finished but $CHROMIUM or $CHROMEDRIVER is still missing" >&2
    exit 1
fi

cat >&2 <<MESSAGE
ensure-chromium: the dashboard's browser test needs $CHROMIUM and $CHROMEDRIVER.
Install them, e.g. on Debian or Ubuntu:  sudo apt-get install chromium chromium-driver
(or skip the tests with -DskipTests).
MESSAGE
exit 1
