require "imap4flags";
setflag "\\Seen";
addflag ["\\Flagged", "$Work"];
if header :contains "from" "promo" { removeflag "\\Flagged"; addflag "$Junk"; }
