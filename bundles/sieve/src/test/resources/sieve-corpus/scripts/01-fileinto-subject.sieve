require "fileinto";
if header :contains "subject" "version" { fileinto "Releases"; }
