require "fileinto";
if header :is "subject" "Grüße aus Köln" { fileinto "Decoded"; }
if header :matches "subject" "Gr??e*" { fileinto "Wildcards"; }
