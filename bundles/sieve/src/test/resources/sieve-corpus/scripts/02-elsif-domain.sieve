require "fileinto";
if address :domain :is "from" "example.com" { fileinto "Example"; }
elsif address :domain :is "from" "lists.example.net" { fileinto "Lists"; }
else { fileinto "Other"; }
