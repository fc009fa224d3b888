require "fileinto";
if address :comparator "i;octet" :is "from" "MAILER-DAEMON@example.com" { fileinto "Octet"; }
if address :comparator "i;octet" :is "from" "mailer-daemon@example.com" { fileinto "WrongCase"; }
if address :is "from" "mailer-daemon@example.com" { fileinto "CaseMap"; }
