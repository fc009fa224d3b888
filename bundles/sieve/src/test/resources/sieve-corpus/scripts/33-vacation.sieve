require "vacation";
if header :contains "subject" "version" {
  vacation :days 3 :subject "Out of office" "I am away until Monday.";
}
