require "reject";
if address :is "from" "promo@shop.example.biz" { reject "We do not want your promotions."; }
