#!/bin/sh
# Announces a cross-border partnership on the Japanese hub and has the Thai hub co-sign it.
# POSIX sh + curl only, so it runs both from scripts/demo-federation and in the compose file's
# curl container. Needs JP_URL, TH_URL, JP_TOKEN, TH_TOKEN.
set -eu
ID=myanmar-border-response-2026

announce='{
  "id": "'"$ID"'",
  "kind": "joint_response",
  "parties": [
    {"organization": "jp-janic/peace-winds-jp", "hub": "jp-janic", "role": "1"},
    {"organization": "th-ngocoord/border-relief-th", "hub": "th-ngocoord", "role": "4"}
  ],
  "title": "Joint emergency response on the Thailand–Myanmar border",
  "titles": {"ja": "タイ・ミャンマー国境での共同緊急対応", "th": "การตอบสนองฉุกเฉินร่วมกันที่ชายแดนไทย-เมียนมา"},
  "description": "Food, shelter and relief coordination for people displaced across the border.",
  "start_date": "2026-04-01",
  "sectors": ["72010", "72040"],
  "countries": ["TH", "MM"]
}'

# Announce (a 409 on a second run means it is already there).
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$JP_URL/admin/v1/partnerships" \
  -H "Authorization: Bearer $JP_TOKEN" -H 'Content-Type: application/json' --data "$announce")
echo "announce on jp-janic: HTTP $code"

# Wait until the announcement has reached the Thai hub, then endorse it there.
i=0
until curl -sf "$TH_URL/v1/directory/partnerships?organization=th-ngocoord/border-relief-th" | grep -q "$ID"; do
  i=$((i + 1))
  if [ "$i" -gt 60 ]; then
    echo "the announcement did not reach th-ngocoord within 60 s" >&2
    exit 1
  fi
  sleep 1
done
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST \
  "$TH_URL/admin/v1/partnerships/jp-janic/$ID/endorse" -H "Authorization: Bearer $TH_TOKEN")
echo "endorse on th-ngocoord: HTTP $code"

# No hub pins the forum, so its follow requests wait for an admin (the policy for unknown
# followers). Approve them here, as a hub's admin would, so pushes reach the forum at once.
# PH_URL/PH_TOKEN are optional; a hub whose request has not arrived yet is retried for 60 s.
approve_forum() {
    url=$1
    token=$2
    i=0
    while :; do
        # '|| true': curl exits non-zero when the node is not listening yet, and set -e would stop
        # the script there instead of retrying; the status is then 000.
        code=$(curl -s -o /dev/null -w '%{http_code}' -X POST \
            "$url/admin/v1/subscribers/${FORUM_HUB:-ap-forum}/approve" -H "Authorization: Bearer $token" || true)
        if [ "$code" != "404" ] && [ "$code" != "000" ]; then
            echo "approve ${FORUM_HUB:-ap-forum} on $url: HTTP $code"
            return 0
        fi
        i=$((i + 1))
        if [ "$i" -gt 60 ]; then
            echo "no follow request from ${FORUM_HUB:-ap-forum} reached $url within 60 s" >&2
            return 0
        fi
        sleep 1
    done
}
approve_forum "$JP_URL" "$JP_TOKEN"
approve_forum "$TH_URL" "$TH_TOKEN"
if [ -n "${PH_URL:-}" ]; then
    approve_forum "$PH_URL" "$PH_TOKEN"
fi
