require "vacation-seconds";
vacation :seconds 172800 :subject "Away" :addresses ["jane@example.org"] text:
I am away.
.
;
