require ["encoded-character", "fileinto"];
if header :contains "subject" "${hex:5B 61}" { fileinto "${unicode:0041}rchive"; }
