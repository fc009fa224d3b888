require ["fileinto", "variables"];
if address :matches "from" "*@*.*" { set "user" "${1}"; set "host" "${2}"; }
fileinto "${user}-at-${host}";
