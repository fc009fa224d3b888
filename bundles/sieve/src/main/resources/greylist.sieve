# Greylisting for Hermod's trusted Sieve filter, at the RCPT stage:
#   etc/sieve.trusted.cfg:  script.rcpt = /path/to/greylist.sieve
#
# The first time a (client IP, envelope sender, envelope recipient) triplet is seen, the recipient is
# refused with "451 4.7.1"; a well-behaved client retries later (RFC 5321 §4.5.4.1), and a retry after
# the delay is accepted. A triplet is remembered for 30 days after it was last used, so that mail from
# the same sender to the same recipient is not delayed again. Authenticated clients are not greylisted.
require ["variables", "envelope", "environment", "vnd.hermod.kv", "vnd.hermod.defer"];

# Seconds a new triplet must wait before a retry is accepted.
set "delay" "300";

# Authenticated clients (submission) pass.
if not environment :is "vnd.hermod.authenticated-user" "" {
    stop;
}

set "ip" "";
set "from" "";
set "to" "";
if environment :matches "remote-ip" "*" { set "ip" "${1}"; }
if envelope :all :matches "from" "*" { set :lower "from" "${1}"; }
if envelope :all :matches "to" "*" { set :lower "to" "${1}"; }
set "key" "greylist/${ip}/${from}/${to}";

# Remember the triplet (a known one keeps the time it was first seen) for 30 days.
kvset :seconds 2592000 "${key}";
if kvage :over "${delay}" "${key}" {
    stop;
}
defer "451 4.7.1 Greylisted, please try again later";
