require ["regex", "fileinto", "variables"];
if header :regex "subject" "^\\[([a-z-]+)\\]" { fileinto "re-${1}"; }
if address :regex :domain "from" "example\\.(com|net)$" { fileinto "re-domain"; }
