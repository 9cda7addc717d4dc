#!/usr/bin/env bash
# Hostile inputs (issue 23): every command, under `ulimit -v 2000000` (2 GB of
# address space) and a 60 s timeout, ends with the documented exit code and a
# message naming the file and the limit or position -- never std::bad_alloc, a
# hang or a destroyed input. The inputs are generated in a temporary directory.
#   hostile_inputs.sh path/to/servicechain path/to/source-dir
set -uo pipefail
cli=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

# expect CODE PATTERN command...: runs the CLI with the arguments under the
# limits; the exit code must be CODE and a line of stderr or stdout match PATTERN.
expect() {
  local code=$1 pattern=$2
  shift 2
  local start end rc seconds out
  start=$(date +%s.%N)
  (ulimit -v 2000000; exec timeout 60 "$cli" "$@") >"$tmp/out" 2>"$tmp/err"
  rc=$?
  end=$(date +%s.%N)
  seconds=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  out="$(head -c 2000 "$tmp/err")$(head -c 2000 "$tmp/out")"
  # The pattern may match anywhere in the messages or the output (a long JSON document too).
  if [ "$rc" -ne "$code" ] || ! grep -qE -- "$pattern" "$tmp/err" "$tmp/out" || grep -q "bad_alloc" "$tmp/err"; then
    echo "FAILED (exit $rc, wanted $code; ${seconds}s): servicechain $*"
    echo "  message: $(head -c 400 <<<"$out")"
    echo "  wanted:  $pattern"
    failed=1
  else
    echo "ok (${seconds}s, exit $rc): servicechain $* -- $(head -c 160 <<<"$out" | tr '\n' ' ')"
  fi
}

hotel=$src/examples/hotel.json
header='case:concept:name,concept:name,org:resource,time:timestamp'

# --- mining: one case with 10,000 resources (348 KB); a long case with beta 1
{
  echo "$header"
  for i in $(seq 0 9999); do echo "c1,work,resource-$i,2026-01-01T10:00:00Z"; done
} >"$tmp/wide.csv"
{
  echo "$header"
  for i in $(seq 1 100000); do echo "c1,work,a,2026-01-01T10:00:00Z"; echo "c1,work,b,2026-01-01T10:00:00Z"; done
} >"$tmp/long.csv"
expect 1 'wide.csv: case "c1" has 10000 resources.*over the limit of 1000000 \(--max-pairs\)' mine together "$tmp/wide.csv"
expect 1 'wide.csv: case "c1" has 10000 resources.*over the limit of 1000000 \(--max-pairs\)' mine together "$tmp/wide.csv" --order grouped
expect 1 'wide.csv: case "c1" has 10000 resources.*--max-pairs' mine handover "$tmp/wide.csv" --beta 0.5
expect 1 'wide.csv: case "c1" has 10000 resources.*--max-pairs' mine chain "$tmp/wide.csv" --beta 0.5
expect 0 'Handover of work: 1 cases, 200000 events' mine handover "$tmp/long.csv" --beta 1
expect 0 '"cases": 1' mine handover "$tmp/wide.csv" --json

# --- model files: a device, a pipe, a sparse 1 GiB file, NUL, long x- strings, control characters
truncate -s 1G "$tmp/sparse.json"
printf '{"format": "servicechain/1", "units": [' >"$tmp/head-then-zeros.json"
truncate -s 1G "$tmp/head-then-zeros.json"
printf '{"format": "servicechain/1",\n "units": [\0]}' >"$tmp/nul.json"
python3 -c '
import json, sys
tmp, hotel = sys.argv[1], json.load(open(sys.argv[2]))
m = dict(hotel); m["x-note"] = "v" * (2 << 20)
json.dump(m, open(tmp + "/x-string.json", "w"))
m = dict(hotel); m["x-" + "k" * (2 << 20)] = 1
json.dump(m, open(tmp + "/x-key.json", "w"))
m = json.loads(json.dumps(hotel)); m["units"][0]["name"] = "Front\u001b[2J\u001b]0;pwned\u0007"
json.dump(m, open(tmp + "/esc.json", "w"))
' "$tmp" "$hotel"
for command in validate analyze people check simulate report; do
  expect 1 'sparse.json:1:1: a NUL byte' $command "$tmp/sparse.json"
  expect 1 'nul.json:2:12: a NUL byte' $command "$tmp/nul.json"
done
# Reading 256 MiB of a device, or scanning 1 GiB: the same reader for every command.
for command in validate analyze; do
  expect 1 '/dev/zero: larger than the limit of 268435456 bytes' $command /dev/zero
  expect 1 'head-then-zeros.json:1:40: a NUL byte' $command "$tmp/head-then-zeros.json"
done
expect 1 '/dev/stdin: larger than the limit of 268435456 bytes' validate /dev/stdin < <(head -c 400000000 /dev/zero)
for command in validate analyze report; do
  expect 1 '/x-note.*string of 2097152 bytes, over the limit of 1048576' $command "$tmp/x-string.json"
  expect 1 'of 2097154 bytes, over the limit of 1048576' $command "$tmp/x-key.json"
  expect 1 '/units/0/name.*control character' $command "$tmp/esc.json"
done
truncate -s 1G "$tmp/sparse.bin"
expect 1 'sparse.bin: a Boost.Serialization archive is loaded only when trusted' analyze "$tmp/sparse.bin"

# --- CSV: NUL bytes at their position
printf 'id,name,manager_id,unit\nana,An\0a,,ops\n' >"$tmp/nul-org.csv"
expect 1 'nul-org.csv:2:7: a NUL byte' import orgchart "$tmp/nul-org.csv" --json
printf '%s\n1,x,a\0,2026-01-01T10:00:00Z\n' "$header" >"$tmp/nul-log.csv"
expect 1 'nul-log.csv:2:6: a NUL byte' mine handover "$tmp/nul-log.csv"

# --- analyses: a nearly closed loop, 1e308 sizes, big plans, wide alignment, IPA, simulation
loop=$src/tests/data/near_closed_loop.json
expect 0 'Customer satisfaction index \(linear\): 55\.0 / 100' analyze "$loop"
expect 0 '"converged": true' analyze "$loop" --json
cap=(--solver-iterations 10 --solver-direct-limit 0)
for args in "analyze $loop" "check $loop" "people $loop" "simulate $loop --runs 3" \
            "plan $loop --plan loop_plan --as-of 2026-02-01" "diff $loop $loop"; do
  # shellcheck disable=SC2086
  expect 0 '^Warning: the chain did not converge in 65 units' "${cap[@]}" $args
  # shellcheck disable=SC2086
  expect 0 '"code": "not_converged"' "${cap[@]}" $args --json
done
expect 0 '' "${cap[@]}" report "$loop" -o "$tmp/loop.html"
if ! grep -q 'id="not-converged"' "$tmp/loop.html"; then echo "FAILED: the report of a chain that did not converge has no notice"; failed=1; fi
python3 -c '
import json, random, sys
tmp, hotel = sys.argv[1], json.load(open(sys.argv[2]))
m = json.loads(json.dumps(hotel))
for s in m["segments"]: s["size"] = 1e308
for x in m["moments_of_truth"]: x["importance"] = 1e308
json.dump(m, open(tmp + "/huge.json", "w"))
m = json.loads(json.dumps(hotel))
m["units"].append({"id": "island", "name": "Island", "level": "operative", "quality": 0.5})
template = m["plans"][0]["actions"][0]
actions = []
for k in range(25):
    a = dict(template, id="z%d" % (100 + k), stage="plan", cost=0, target={"unit": "island"}, effect={"quality": 0.01})
    a.pop("due", None); a.pop("after", None)
    actions.append(a)
m["plans"] = [dict(m["plans"][0], id="nothing", budget=0, actions=actions)]
json.dump(m, open(tmp + "/zero-actions.json", "w"))
rng = random.Random(375)
m = {"format": "servicechain/1", "organization": {"id": "wide", "name": "Wide"},
     "units": [{"id": "U", "name": "U", "level": "operative"}],
     "competencies": [{"id": c, "name": c} for c in "abc"], "positions": [], "people": []}
for p in range(375):
    m["positions"].append({"id": "P%d" % p, "title": "P%d" % p, "unit": "U", "level": "operative",
                           "requires": {c: 1 + rng.randrange(6) % 5 for c in "abc"},
                           "weights": {c: rng.randrange(10**14, 10**15) / 1e15 for c in "abc"}})
    m["people"].append({"id": "h%d" % p, "name": "h%d" % p, "unit": "U", "position": "P%d" % p,
                        "competencies": {c: rng.randrange(6) for c in "abc"}})
json.dump(m, open(tmp + "/wide-unit.json", "w"))
m["positions"] = m["positions"][:10]
m["people"] = [{"id": "h%d" % p, "name": "h%d" % p, "unit": "U", "position": "P%d" % (p % 10),
                "competencies": {c: rng.randrange(6) for c in "abc"}} for p in range(1000)]
json.dump(m, open(tmp + "/many-people.json", "w"))
with open(tmp + "/ipa-wide.csv", "w") as f:
    f.write(",".join("I_a%d,P_a%d" % (a, a) for a in range(50000)) + "\n")
    f.write(",".join("%d,%d" % (1 + a % 5, 1 + (a // 5) % 5) for a in range(50000)) + "\n")
' "$tmp" "$hotel"
for command in analyze check people "simulate --runs 20"; do
  # shellcheck disable=SC2086
  expect 0 '' $command "$tmp/huge.json"
  if grep -qwE 'inf|nan|-nan' "$tmp/out"; then echo "FAILED: $command on sizes of 1e308 prints inf or nan"; failed=1; fi
done
expect 0 '' report "$tmp/huge.json" -o "$tmp/huge.html"
if grep -qwE 'inf|nan|-nan' "$tmp/huge.html"; then echo "FAILED: the report of sizes of 1e308 shows inf or nan"; failed=1; fi
"$cli" generate --units 1000 --plan-actions 4000 --seed 1 -o "$tmp/plan4000.json" 2>/dev/null
plan_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["plans"][0]["id"])' "$tmp/plan4000.json")
expect 0 '"method": "greedy"' plan "$tmp/plan4000.json" --plan "$plan_id" --as-of 2026-01-01 --json
expect 0 '"exact_stopped": true' plan "$tmp/zero-actions.json" --plan nothing --as-of 2026-01-01 --json
expect 0 '^Alignment suggestions \([1-9]' people "$tmp/wide-unit.json"
expect 0 '^Alignment suggestions \([1-9]' people "$tmp/many-people.json"
expect 0 '"attributes"' survey ipa "$tmp/ipa-wide.csv" --json
expect 1 'hotel.json: the simulation would take about .* above the work limit .*--max-work' simulate "$hotel" --runs 8000000
expect 1 'hotel.json: the simulation would keep about .* above the memory limit of 1 MiB' simulate "$hotel" --runs 100000 --max-memory 1

# --- outputs onto inputs: refused (usage error, exit 2), the input intact
cp "$hotel" "$tmp/m.json"
cp "$src/examples/orgchart.csv" "$tmp/o.csv"
cp "$src/examples/surveys/servqual.csv" "$tmp/s.csv"
ln -s "$tmp/m.json" "$tmp/link.json"
sums=$(md5sum "$tmp/m.json" "$tmp/o.csv" "$tmp/s.csv")
expect 2 'refuses to overwrite an input' report "$tmp/m.json" -o "$tmp/m.json"
expect 2 'refuses to overwrite an input' analyze --dot "$tmp/m.json" "$tmp/m.json"
expect 2 'refuses to overwrite an input' analyze --dot "$tmp/link.json" "$tmp/m.json"
expect 2 'refuses to overwrite an input' import orgchart "$tmp/o.csv" -o "$tmp/o.csv"
expect 2 'refuses to overwrite an input' report "$tmp/m.json" --survey "$tmp/s.csv" -o "$tmp/s.csv"
if [ "$(md5sum "$tmp/m.json" "$tmp/o.csv" "$tmp/s.csv")" != "$sums" ]; then
  echo "FAILED: an input was changed"
  failed=1
fi

exit $failed
