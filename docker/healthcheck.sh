#!/bin/bash
# Container health check: exit 0 when GET /healthz on the node's own port answers 200.
# Plain bash (/dev/tcp), so a check every 30 s costs a few milliseconds instead of a JVM start, and the
# image needs no curl. The node listens on TSUNAGU_PORT (8080 unless set).
set -u
port="${TSUNAGU_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 4 status <&3 || exit 1
exec 3<&-
[[ "$status" == "HTTP/1.1 200"* ]]
