#!/usr/bin/env bash
# The Billstream story against a running stack (`./billstream up && ./billstream demo`), through the gateway only:
# signup -> login -> API key -> settings -> customer -> draft with service and expense lines -> issue -> PDF ->
# email the invoice (read back over IMAP from the mail catcher) -> partial and full payment -> paid -> signed
# webhooks -> history and asOf -> credit note on the paid invoice (refund and PDF) -> refund reopens -> notifications.
#
# Needs bash, curl and python3. A tiny webhook receiver runs on 127.0.0.1:${DEMO_WEBHOOK_PORT:-9999} for the
# demo's duration; it verifies every Standard Webhooks signature and logs what it got. Output goes to .run/demo/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GATEWAY="${BILLSTREAM_GATEWAY_URL:-http://127.0.0.1:8080}"
OUT="${BILLSTREAM_RUN_DIR:-$ROOT/.run}/demo"
PORT="${DEMO_WEBHOOK_PORT:-9999}"
mkdir -p "$OUT"

if [ -t 1 ]; then BOLD=$'\e[1m'; DIM=$'\e[2m'; GREEN=$'\e[32m'; RED=$'\e[31m'; OFF=$'\e[0m'; else BOLD=; DIM=; GREEN=; RED=; OFF=; fi
step() { printf '\n%s==> %s%s\n' "$BOLD" "$*" "$OFF"; }
info() { printf '    %s\n' "$*"; }
die() { printf '%sdemo: %s%s\n' "$RED" "$*" "$OFF" >&2; exit 1; }

command -v curl >/dev/null || die "curl is needed"
command -v python3 >/dev/null || die "python3 is needed"
curl -fsS -m 3 "$GATEWAY/actuator/health" 2>/dev/null | grep -q '"UP"' \
  || die "no healthy gateway at $GATEWAY — start the stack first: ./billstream up"

# --- JSON helpers -------------------------------------------------------------------------------------------
# json <expression> reads JSON on stdin; `d` is the document. Example: json 'd["id"]'
json() { python3 -c 'import json,sys
d = json.load(sys.stdin)
v = eval(sys.argv[1])
print(json.dumps(v) if isinstance(v, (dict, list)) else ("" if v is None else v))' "$1"; }

STATUS=""; BODY=""; HEADERS="$OUT/last-headers.txt"
# call METHOD PATH [JSON] — sets STATUS and BODY; uses $TOKEN when set.
call() {
  local method="$1" path="$2" data="${3:-}" args=(-sS -m 30 -X "$1" -D "$HEADERS" -o "$OUT/last-body")
  [ -n "${TOKEN:-}" ] && args+=(-H "Authorization: Bearer $TOKEN")
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' -H "Idempotency-Key: demo-$RANDOM$RANDOM$RANDOM" --data "$data")
  STATUS="$(curl "${args[@]}" -w '%{http_code}' "$GATEWAY$path")" || die "$method $path: no answer from the gateway"
  BODY="$(tr -d '\0' < "$OUT/last-body")"
}
expect() {
  local want="$1"; shift
  [ "$STATUS" = "$want" ] || die "$* answered $STATUS (expected $want): $BODY"
}
header() { grep -i "^$1:" "$HEADERS" | head -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^ //'; }
# poll <seconds> <command...> — repeat until the command succeeds
poll() {
  local limit="$1"; shift; local waited=0
  until "$@"; do
    sleep 0.5; waited=$((waited + 1))
    [ "$waited" -lt $((limit * 2)) ] || return 1
  done
}

# --- the webhook receiver -----------------------------------------------------------------------------------
HOOKS="$OUT/webhooks.jsonl"; SECRET_FILE="$OUT/webhook-secret"
: > "$HOOKS"; : > "$SECRET_FILE"
python3 - "$PORT" "$HOOKS" "$SECRET_FILE" > "$OUT/receiver.log" 2>&1 <<'PY' &
import base64, hashlib, hmac, json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, log, secret_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]

def verify(msg_id, ts, body, header):
    secret = open(secret_file).read().strip()
    if not secret or not header:
        return False
    key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
    expected = "v1," + base64.b64encode(hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, s) for s in header.split())

class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        h = {k.lower(): v for k, v in self.headers.items()}
        entry = {"receivedAt": time.strftime("%H:%M:%S"), "webhookId": h.get("webhook-id"),
                 "timestamp": h.get("webhook-timestamp"), "signature": h.get("webhook-signature"),
                 "valid": verify(h.get("webhook-id"), h.get("webhook-timestamp"), body, h.get("webhook-signature")),
                 "body": json.loads(body or b"null")}
        with open(log, "a") as f:
            f.write(json.dumps(entry) + "\n")
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()
PY
RECEIVER_PID=$!
trap 'kill "$RECEIVER_PID" 2>/dev/null || true' EXIT
poll 10 curl -s -o /dev/null -m 1 -X GET "http://127.0.0.1:$PORT/" \
  || die "the webhook receiver did not start on 127.0.0.1:$PORT (taken? set DEMO_WEBHOOK_PORT); see $OUT/receiver.log"

# --- the story ----------------------------------------------------------------------------------------------
SUFFIX="$(date +%s)$RANDOM"
USERNAME="demo_$SUFFIX"; PASSWORD="correct-horse-battery-staple"

step "1. Sign up an organization"
TOKEN=""
call POST /v1/signup "{\"organizationName\":\"Acme Studio $SUFFIX\",\"username\":\"$USERNAME\",\"email\":\"$USERNAME@example.com\",\"password\":\"$PASSWORD\"}"
expect 201 "signup"
info "tenant $(json 'd["tenantId"]' <<< "$BODY"), admin user $USERNAME"

step "2. Log in and create an API key"
call POST /v1/login "{\"login\":\"$USERNAME\",\"password\":\"$PASSWORD\"}"
expect 200 "login"
TOKEN="$(json 'd["accessToken"]' <<< "$BODY")"; USER_TOKEN="$TOKEN"
info "session token expires $(json 'd["expiresAt"]' <<< "$BODY")"
call POST /v1/api-keys '{"name":"demo","scope":"read_write"}'
expect 201 "create API key"
TOKEN="$(json 'd["key"]' <<< "$BODY")"
info "API key $(json 'd["id"]' <<< "$BODY") (${TOKEN:0:12}…, shown once); from here on every call uses it"

step "3. Billing settings (seller, EUR, 14 days, numbers {yyyy}-{seq:3})"
call PUT /v1/settings '{"seller":{"name":"Acme Studio GmbH","email":"billing@acme.example","address":{"line1":"Torstraße 1","city":"Berlin","postalCode":"10119","country":"DE"},"taxId":"DE123456789"},"defaultCurrency":"EUR","paymentTermsDays":14,"lateFeePercentPerMonth":"1.5","numberFormat":"{yyyy}-{seq:3}","defaultNotes":"Thank you for your business.","defaultTerms":"Bank transfer to **DE89 3704 0044 0532 0130 00**.","locale":"en-US"}'
expect 200 "PUT /v1/settings"
info "seller $(json 'd["seller"]["name"]' <<< "$BODY"), terms $(json 'd["paymentTermsDays"]' <<< "$BODY") days"

step "4. Register a webhook endpoint (every event) at http://127.0.0.1:$PORT/hooks"
call POST /v1/webhook-endpoints "{\"url\":\"http://127.0.0.1:$PORT/hooks\",\"events\":[\"*\"],\"description\":\"demo receiver\"}"
expect 201 "register webhook endpoint"
ENDPOINT="$(json 'd["id"]' <<< "$BODY")"
json 'd["secret"]' <<< "$BODY" > "$SECRET_FILE"
info "endpoint $ENDPOINT, secret $(cut -c1-12 "$SECRET_FILE")… (the receiver verifies signatures with it)"

step "5. Create a customer"
call POST /v1/customers '{"name":"Globex Corporation","email":"ap@globex.example","address":{"line1":"Königsallee 12","city":"Düsseldorf","postalCode":"40212","country":"DE"},"taxId":"DE987654321","locale":"de-DE"}'
expect 201 "create customer"
CUSTOMER="$(json 'd["id"]' <<< "$BODY")"
info "customer $CUSTOMER (Globex Corporation, locale de-DE)"

step "6. Draft an invoice: 12.5 h of development at 100.00 (19 % VAT), then a hosting expense"
call POST /v1/invoices "{\"customerId\":\"$CUSTOMER\",\"currency\":\"EUR\",\"reference\":\"PO-4711\",\"notes\":\"Thanks for the **great** collaboration.\",\"lineItems\":[{\"description\":\"Backend development: payment reconciliation\",\"kind\":\"service\",\"quantity\":\"12.5\",\"unit\":\"hour\",\"unitPrice\":\"100.00\",\"taxRatePercent\":\"19\",\"reference\":\"Feature #12\",\"period\":{\"start\":\"2026-10-01\",\"end\":\"2026-10-31\"}}]}"
expect 201 "create draft"
INVOICE="$(json 'd["id"]' <<< "$BODY")"
call POST "/v1/invoices/$INVOICE/line-items" '{"description":"Cloud hosting (AWS), October","kind":"expense","quantity":"1","unit":"month","unitPrice":"49.99","reference":"AWS-2026-10"}'
[ "$STATUS" = 200 ] || [ "$STATUS" = 201 ] || die "add line item answered $STATUS: $BODY"
call GET "/v1/invoices/$INVOICE"
expect 200 "read draft"
info "draft $INVOICE: subtotal $(json 'd["subtotal"]' <<< "$BODY"), tax $(json 'd["taxTotal"]' <<< "$BODY"), total $(json 'd["total"]' <<< "$BODY") EUR"

step "7. Issue it"
call POST "/v1/invoices/$INVOICE/issue" '{}'
expect 200 "issue"
NUMBER="$(json 'd["number"]' <<< "$BODY")"; TOTAL="$(json 'd["total"]' <<< "$BODY")"
info "number $NUMBER, status $(json 'd["status"]' <<< "$BODY"), issued $(json 'd["issueDate"]' <<< "$BODY"), due $(json 'd["dueDate"]' <<< "$BODY")"
ISSUED_AT="$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)"

step "8. Download the PDF"
PDF="$OUT/invoice-${NUMBER//\//-}.pdf"
pdf_ready() { TOKEN="$TOKEN" call GET "/v1/invoices/$INVOICE/pdf"; [ "$STATUS" = 200 ]; }
poll 30 pdf_ready || die "no PDF within 30 s (last answer $STATUS: $BODY)"
cp "$OUT/last-body" "$PDF"
info "$(header Content-Type), $(header Content-Disposition), $(wc -c < "$PDF") bytes"
info "saved: $PDF"
if command -v pdftotext >/dev/null; then
  info "first lines of its text:"
  pdftotext -layout "$PDF" - 2>/dev/null | sed '/^\s*$/d' | head -n 12 | sed "s/^/      $DIM/;s/$/$OFF/"
fi

step "8b. Email it to the customer (the local mail catcher receives it), then read it back over IMAP"
call POST "/v1/invoices/$INVOICE/send" '{"cc":["Finance <finance@globex.example>"],"message":"Hello Globex team,\n\nhere is **October**. <b>Raw HTML</b> stays text."}'
expect 202 "send the invoice"
EMAIL="$(json 'd["id"]' <<< "$BODY")"
info "email $EMAIL: $(json 'd["status"]' <<< "$BODY"), subject \"$(json 'd["subject"]' <<< "$BODY")\""
email_sent() { call GET "/v1/invoices/$INVOICE/emails"; [ "$(json '[e["status"] for e in d["data"] if e["id"] == "'"$EMAIL"'"][0]' <<< "$BODY")" = sent ]; }
poll 30 email_sent || die "the email was not sent within 30 s: $BODY"
MESSAGE_ID="$(json '[e["messageId"] for e in d["data"] if e["id"] == "'"$EMAIL"'"][0]' <<< "$BODY")"
info "sent, Message-ID $MESSAGE_ID"
python3 - "${MAIL_IMAP_PORT:-3143}" "ap@globex.example" "$MESSAGE_ID" "$PDF" <<'PY' || info "${RED}could not read the message over IMAP${OFF}"
import email, hashlib, imaplib, sys
from email import policy
port, address, message_id, pdf = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
imap = imaplib.IMAP4("127.0.0.1", port)
imap.login(address, address)          # the mail catcher: login = password = the address
imap.select("INBOX")
_, found = imap.search(None, "HEADER", "Message-ID", message_id)
ids = found[0].split()
_, parts = imap.fetch(ids[-1], "(RFC822)")
imap.logout()
m = email.message_from_bytes(parts[0][1], policy=policy.default)
print("    IMAP 127.0.0.1:%d, mailbox %s:" % (port, address))
for h in ("From", "To", "Cc", "Reply-To", "Subject", "Message-ID"):
    print("      %-10s %s" % (h + ":", m[h]))
text = m.get_body(preferencelist=("plain",)).get_content()
print("      text part:")
for line in [l for l in text.splitlines() if l.strip()][:8]:
    print("        " + line)
html = m.get_body(preferencelist=("html",))
print("      html part: %d characters" % len(html.get_content()))
for att in m.iter_attachments():
    data = att.get_payload(decode=True)
    same = hashlib.sha256(data).hexdigest() == hashlib.sha256(open(pdf, "rb").read()).hexdigest()
    print("      attachment %s, %d bytes, %s" % (att.get_filename(), len(data),
          "identical to GET /pdf" if same else "DIFFERENT from GET /pdf"))
PY

step "9. A partial payment of 500.00"
call POST /v1/payments "{\"invoiceId\":\"$INVOICE\",\"amount\":\"500.00\",\"currency\":\"EUR\",\"method\":\"card\",\"reference\":\"demo-partial\"}"
expect 201 "partial payment"
info "payment $(json 'd["id"]' <<< "$BODY") $(json 'd["status"]' <<< "$BODY")"
amount_paid_is() { call GET "/v1/invoices/$INVOICE"; [ "$(json 'd["amountPaid"]' <<< "$BODY")" = "$1" ]; }
poll 20 amount_paid_is "500.00" || die "amountPaid did not reach 500.00: $BODY"
info "invoice: status $(json 'd["status"]' <<< "$BODY"), paid $(json 'd["amountPaid"]' <<< "$BODY"), due $(json 'd["amountDue"]' <<< "$BODY")"

step "10. The rest"
REST="$(json 'd["amountDue"]' <<< "$BODY")"
call POST /v1/payments "{\"invoiceId\":\"$INVOICE\",\"amount\":\"$REST\",\"currency\":\"EUR\",\"method\":\"bank_transfer\",\"reference\":\"demo-rest\"}"
expect 201 "full payment"
FULL_PAYMENT="$(json 'd["id"]' <<< "$BODY")"
info "payment $FULL_PAYMENT of $REST"
status_is() { call GET "/v1/invoices/$INVOICE"; [ "$(json 'd["status"]' <<< "$BODY")" = "$1" ]; }
poll 20 status_is paid || die "the invoice did not become paid: $BODY"
info "invoice $NUMBER is ${GREEN}paid${OFF} at $(json 'd["paidAt"]' <<< "$BODY")"

step "11. Webhooks received by the subscriber"
have_hooks() {
  python3 -c 'import json,sys
types = {json.loads(l)["body"]["type"] for l in open(sys.argv[1]) if l.strip()}
sys.exit(0 if {"invoice.issued", "payment.recorded", "invoice.paid"} <= types else 1)' "$HOOKS"
}
poll 30 have_hooks || info "${RED}not all of invoice.issued, payment.recorded, invoice.paid arrived within 30 s${OFF}"
python3 - "$HOOKS" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    b = e["body"] or {}
    d = b.get("data") or {}
    what = d.get("number") or d.get("invoiceNumber") or ""
    extra = (" amount " + d["amount"]) if b.get("type", "").startswith("payment") and d.get("amount") else ""
    mark = "signature ok" if e["valid"] else "SIGNATURE INVALID"
    print("    %s  %-26s %s  %s%s  [%s]" % (e["receivedAt"], b.get("type", "?"), e["webhookId"], what, extra, mark))
PY
info "raw deliveries (headers and bodies): $HOOKS"

step "12. History of $NUMBER, and the invoice as it was before the payments"
call GET "/v1/invoices/$INVOICE/history"
expect 200 "history"
json '"\n".join("    %2d  %-24s %s  by %s" % (e["sequence"], e["type"], e["occurredAt"], (e.get("actor") or {}).get("type")) for e in d["data"])' <<< "$BODY"
call GET "/v1/invoices/$INVOICE?asOf=$ISSUED_AT"
expect 200 "asOf"
info "asOf $ISSUED_AT: status $(json 'd["status"]' <<< "$BODY"), paid $(json 'd["amountPaid"]' <<< "$BODY"), due $(json 'd["amountDue"]' <<< "$BODY")"

step "13. Credit note: 2.5 of the 12.5 hours were not worked; the invoice is paid, so the credit is refunded"
call GET "/v1/invoices/$INVOICE"
LINE="$(json 'd["lineItems"][0]["id"]' <<< "$BODY")"
call POST "/v1/invoices/$INVOICE/credit-notes" "{\"lines\":[{\"lineItemId\":\"$LINE\",\"quantity\":\"2.5\"}],\"reason\":\"order_change\",\"memo\":\"2.5 hours of the October development were **not** worked.\"}"
expect 201 "credit note"
CREDIT_NOTE="$(json 'd["id"]' <<< "$BODY")"; CN_NUMBER="$(json 'd["number"]' <<< "$BODY")"
info "credit note $CN_NUMBER ($CREDIT_NOTE): total $(json 'd["total"]' <<< "$BODY") = $(json 'd["subtotal"]' <<< "$BODY") + tax $(json 'd["taxTotal"]' <<< "$BODY"); credited to the amount due $(json 'd["creditedAmount"]' <<< "$BODY"), to refund $(json 'd["refundAmount"]' <<< "$BODY")"
refund_done() { call GET "/v1/credit-notes/$CREDIT_NOTE"; [ "$(json 'd["refundStatus"]' <<< "$BODY")" = succeeded ]; }
poll 20 refund_done || die "the credit note's refund was not made: $BODY"
info "refund status $(json 'd["refundStatus"]' <<< "$BODY"), refunded $(json 'd["refundedAmount"]' <<< "$BODY")"
call GET "/v1/payments/$FULL_PAYMENT/refunds"
expect 200 "refunds of the payment"
json '"\n".join("    refund %s of %s on payment %s (%s, credit note %s)" % (r["id"], r["amount"], r["paymentId"], r["reason"], r.get("creditNoteId")) for r in d["data"])' <<< "$BODY"
call GET "/v1/invoices/$INVOICE"
info "invoice: status $(json 'd["status"]' <<< "$BODY"), total $(json 'd["total"]' <<< "$BODY"), paid $(json 'd["amountPaid"]' <<< "$BODY"), credited $(json 'd["amountCredited"]' <<< "$BODY"), due $(json 'd["amountDue"]' <<< "$BODY")"
CN_PDF="$OUT/credit-note-${CN_NUMBER//\//-}.pdf"
cn_pdf_ready() { call GET "/v1/credit-notes/$CREDIT_NOTE/pdf"; [ "$STATUS" = 200 ]; }
poll 30 cn_pdf_ready || die "no credit-note PDF within 30 s (last answer $STATUS: $BODY)"
cp "$OUT/last-body" "$CN_PDF"
info "$(header Content-Disposition), $(wc -c < "$CN_PDF") bytes, ETag $(header ETag)"
info "saved: $CN_PDF"
if command -v pdftotext >/dev/null; then
  pdftotext -layout "$CN_PDF" - 2>/dev/null | sed '/^\s*$/d' | head -n 30 | sed "s/^/      $DIM/;s/$/$OFF/"
fi

step "14. Refund 100.00 of the last payment: the invoice reopens"
call POST "/v1/payments/$FULL_PAYMENT/refunds" '{"amount":"100.00","reason":"Discount agreed after delivery"}'
expect 201 "refund"
info "refund $(json 'd["id"]' <<< "$BODY")"
poll 20 status_is open || die "the refund did not reopen the invoice: $BODY"
info "invoice: status $(json 'd["status"]' <<< "$BODY"), due $(json 'd["amountDue"]' <<< "$BODY")"

step "15. Notifications (in-app feed)"
has_notifications() { TOKEN="$USER_TOKEN" call GET /v1/notifications; python3 -c 'import json,sys
d = json.loads(sys.argv[1]); t = {n["type"] for n in d.get("data", [])}
sys.exit(0 if {"invoice.paid", "payment.refunded"} <= t else 1)' "$BODY"; }
poll 20 has_notifications || info "${RED}notifications for invoice.paid and payment.refunded did not both appear${OFF}"
json '"\n".join("    %s  %-18s %s" % (n["createdAt"], n["type"], n["message"]) for n in d["data"])' <<< "$BODY"

step "16. A monthly retainer, imported with an anchor two months back: its three due runs are invoiced at once"
ANCHOR="$(python3 -c 'import datetime
t = datetime.datetime.now(datetime.timezone.utc).date(); m = t.month - 3
y, m = t.year + m // 12, m % 12 + 1
import calendar; print(t.replace(year=y, month=m, day=min(t.day, calendar.monthrange(y, m)[1])))')"
call POST /v1/recurring-invoices "{\"customerId\":\"$CUSTOMER\",\"currency\":\"EUR\",\"interval\":\"month\",\"anchorDate\":\"$ANCHOR\",\"mode\":\"issue\",\"reference\":\"Retainer 2026\",\"lineItems\":[{\"description\":\"Bug fixes & maintenance (monthly retainer)\",\"kind\":\"service\",\"quantity\":\"1\",\"unit\":\"month\",\"unitPrice\":\"800.00\",\"taxRatePercent\":\"19\"}]}"
expect 201 "create recurring invoice"
RECURRING="$(json 'd["id"]' <<< "$BODY")"
info "schedule $RECURRING: every month from $ANCHOR, status $(json 'd["status"]' <<< "$BODY")"
three_runs() { call GET "/v1/recurring-invoices/$RECURRING"; [ "$(json 'd["runs"]' <<< "$BODY")" = 3 ]; }
poll 60 three_runs || die "the retainer did not make its three runs: $BODY"
info "runs $(json 'd["runs"]' <<< "$BODY"), next run $(json 'd["nextRunDate"]' <<< "$BODY"), last invoice $(json 'd["lastInvoiceId"]' <<< "$BODY")"
three_listed() { call GET "/v1/invoices?recurringInvoiceId=$RECURRING"; [ "$(json 'len(d["data"])' <<< "$BODY")" = 3 ]; }
poll 20 three_listed || die "the retainer's invoices are not listed: $BODY"
json '"\n".join("    run %s  %s  issued %s  %s %s  billing %s .. %s" % (i["runNumber"], i["number"], i["issueDate"], i["total"], i["currency"], i["lineItems"][0]["period"]["start"], i["lineItems"][0]["period"]["end"]) for i in sorted(d["data"], key=lambda i: i["runNumber"]))' <<< "$BODY"

step "Done"
info "PDF:      $PDF"
info "credit:   $CN_PDF"
info "webhooks: $HOOKS ($(wc -l < "$HOOKS") deliveries)"
info "login:    $USERNAME / $PASSWORD   (API key above)"
