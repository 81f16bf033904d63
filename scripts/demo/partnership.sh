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
