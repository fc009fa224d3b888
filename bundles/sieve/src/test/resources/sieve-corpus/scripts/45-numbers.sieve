require "fileinto";
if size :under 1k { fileinto "Under1k"; }
if size :over 0 { fileinto "NonEmpty"; }
