require "fileinto";
if size :over 2K { fileinto "Big"; } elsif size :under 600 { fileinto "Small"; } else { fileinto "Medium"; }
