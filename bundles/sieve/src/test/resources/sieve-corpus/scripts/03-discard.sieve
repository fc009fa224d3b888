if header :contains "subject" "FREE" { discard; stop; }
keep;
