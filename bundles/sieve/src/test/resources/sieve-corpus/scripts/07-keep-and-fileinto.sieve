require "fileinto";
keep;
if header :matches "subject" "*1.0*" { fileinto "Versions"; }
