require "fileinto";
if address :is "to" "" { fileinto "EmptyAddress"; }
if header :contains "to" "undisclosed" { fileinto "Undisclosed"; }
if address :domain :is "to" "example.org" { fileinto "OrgTo"; }
