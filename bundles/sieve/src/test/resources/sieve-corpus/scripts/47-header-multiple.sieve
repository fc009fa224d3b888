require "fileinto";
if header :contains ["to", "cc"] ["bob", "promo"] { fileinto "ToCc"; }
if address :all :is ["to", "cc"] "bob@example.net" { fileinto "Bob"; }
