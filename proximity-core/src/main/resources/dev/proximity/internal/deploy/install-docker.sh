#!/bin/sh
# Proximity: install Docker Engine and the Compose plugin inside a Debian/Ubuntu LXC container.
# Fixed script shipped in proximity-core; it takes no arguments and no user input.
set -eu

export DEBIAN_FRONTEND=noninteractive

if docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
    && docker compose version >/dev/null 2>&1; then
  echo "proximity: docker already installed"
  exit 0
fi

. /etc/os-release
case "${ID}" in
  debian|ubuntu) ;;
  *) echo "proximity: unsupported distribution ${ID}" >&2; exit 2 ;;
esac

apt-get update -q
apt-get install -y -q ca-certificates curl
install -m 0755 -d /etc/apt/keyrings
curl -fsSL "https://download.docker.com/linux/${ID}/gpg" -o /etc/apt/keyrings/docker.asc
chmod a+r /etc/apt/keyrings/docker.asc
echo "deb [arch=$(dpkg --print-architecture) signed-by=/etc/apt/keyrings/docker.asc]" \
  "https://download.docker.com/linux/${ID} ${VERSION_CODENAME} stable" \
  > /etc/apt/sources.list.d/docker.list
apt-get update -q
apt-get install -y -q docker-ce docker-ce-cli containerd.io docker-compose-plugin
systemctl enable --now docker

docker version --format '{{.Server.Version}}'
docker compose version
echo "proximity: docker installed"
