require "fileinto";
if anyof (header :contains "subject" "prize", address :is "from" "nobody@example.com") { fileinto "AnyOf"; }
if allof (exists "date", not size :over 1M, header :contains "to" "jane") { fileinto "AllOf"; }
if not anyof (false, false) { fileinto "NotAny"; }
