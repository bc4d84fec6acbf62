#!/usr/bin/env bash
# The test command, on a fresh Debian machine with Python 3.11 as on a developer's: installs the Debian
# packages the tests use (apt-get, with sudo when not root), the virtualenv and ECharts, then lint, the test
# suite on SQLite, and the database tests again on a throwaway PostgreSQL server when one is installed.
# 运行测试：安装测试所需的 Debian 软件包、虚拟环境和 ECharts，检查代码，运行全部测试，有 PostgreSQL 时再在其上运行数据库测试。
set -euo pipefail
cd "$(dirname "$0")/.."

have_font() { fc-list :lang=zh 2>/dev/null | grep -q . || compgen -G "/usr/share/fonts/opentype/noto/NotoSansCJK*" >/dev/null; }
have_venv() {  # Debian's python3 makes a virtualenv only with python3-venv installed
  [ -x .venv/bin/pip ] && return
  local try
  try=$(mktemp -d) && python3 -m venv "$try/venv" >/dev/null 2>&1 && rm -rf "$try" || { rm -rf "$try"; false; }
}
have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }

# Each Debian package: how to tell it is here, and what goes without it (Chinese|English).
declare -A found=(
  [python3-venv]=have_venv
  [fonts-noto-cjk]=have_font
  [chromium]="command -v chromium"
  [libreoffice-writer-nogui]="command -v soffice"
  [poppler-utils]="command -v pdftoppm"
  [postgresql]=have_postgres
)
declare -A without=(
  [python3-venv]="无法创建虚拟环境，测试无法运行|the virtualenv cannot be made and no test can run"
  [fonts-noto-cjk]="报告无法绘制中文图表，报告测试会失败|reports draw no Chinese charts and the report tests fail"
  [chromium]="跳过浏览器测试|the browser tests are skipped"
  [libreoffice-writer-nogui]="跳过报告渲染测试|the rendering tests are skipped"
  [poppler-utils]="跳过报告渲染测试|the rendering tests are skipped"
  [postgresql]="数据库测试只在 SQLite 上运行|the database tests run on SQLite only"
)
required=(python3-venv fonts-noto-cjk)

missing=()
for package in python3-venv fonts-noto-cjk chromium libreoffice-writer-nogui poppler-utils postgresql; do
  ${found[$package]} >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
  elif command -v sudo >/dev/null; then apt=(sudo env DEBIAN_FRONTEND=noninteractive apt-get)
  else apt=(false); fi
  echo "安装 · installing: ${missing[*]}"
  # All at once; where that fails, one by one, so that one package's trouble keeps none of the others out.
  if "${apt[@]}" update -qq >/dev/null && ! "${apt[@]}" install -y -qq "${missing[@]}" >/dev/null; then
    for package in "${missing[@]}"; do "${apt[@]}" install -y -qq "$package" >/dev/null || true; done
  fi
fi
for package in "${missing[@]}"; do
  ${found[$package]} >/dev/null 2>&1 && continue
  zh=${without[$package]%|*} en=${without[$package]#*|}
  echo "未能安装 $package，$zh。 · Could not install $package: $en." >&2
  if [[ " ${required[*]} " == *" $package "* ]]; then
    echo "请以 root 运行 apt-get install $package 后重试。 · Run apt-get install $package as root, then this again." >&2
    exit 1
  fi
done

python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e '.[test]'
if ! command -v npm >/dev/null; then
  echo "未安装 npm：跳过图表测试（ECharts），指标页以表格显示数据。 · npm is missing: the chart tests are skipped." >&2
elif ! npm ci --prefix frontend --silent; then
  echo "npm ci 未成功：跳过图表测试（ECharts）。 · npm ci failed: the chart tests are skipped." >&2
fi
.venv/bin/ruff check
.venv/bin/pytest

have_postgres || exit 0
# A throwaway PostgreSQL server on a loopback port, run as the postgres user (initdb refuses root).
bin=$(dirname "$(compgen -G "/usr/lib/postgresql/*/bin/initdb" | sort -V | tail -n 1)")
port=${PGPORT_TEST:-54329}
data=$(mktemp -d /tmp/planwatch-pg.XXXXXX)
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data"; fi
trap 'as_postgres "$bin/pg_ctl -D $data -m fast stop" >/dev/null 2>&1 || true; rm -rf "$data"' EXIT
as_postgres "$bin/initdb -D $data -A trust -U postgres >/dev/null"
as_postgres "$bin/pg_ctl -D $data -o '-p $port -k $data -c listen_addresses=127.0.0.1' -l $data/log -w start >/dev/null"
as_postgres "$bin/psql -h 127.0.0.1 -p $port -U postgres -qc \"CREATE ROLE planwatch LOGIN PASSWORD 'planwatch' CREATEDB\""
as_postgres "$bin/createdb -h 127.0.0.1 -p $port -U postgres -O planwatch planwatch"
DATABASE_URL=postgres://planwatch:planwatch@127.0.0.1:$port/planwatch .venv/bin/pytest -m django_db
