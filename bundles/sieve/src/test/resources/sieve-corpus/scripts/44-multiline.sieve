require ["fileinto", "variables"];
set "text" text:
line one
..dotted
.
;
if string :matches "${text}" "line one*.dotted*" { fileinto "Multiline"; }
/* a bracket comment */ # and a hash comment
