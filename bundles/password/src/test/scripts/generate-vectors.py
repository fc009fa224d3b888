#!/usr/bin/python3
"""Writes src/test/resources/dev/hermod/password/vectors.txt: password hashes made by other tools.

Run once, by hand, on Debian 12 with: slapd and slapd-contrib (slappasswd and its pw-sha2, pw-pbkdf2 and
argon2 modules), whois (mkpasswd, libxcrypt), dovecot-core (doveadm pw), python3-passlib and
python3-argon2 (argon2-cffi), using Debian's /usr/bin/python3 (its crypt module is libxcrypt's crypt(3)).
The tests only read the file: none of these tools is needed when they run.

Each line: the tool and command (PASSWORD stands for the password), a tab, the password, a tab, the
stored value the tool printed. Passwords contain no tab or line break; otherwise they are taken as is.
"""
import os
import subprocess
import sys
import warnings

warnings.simplefilter("ignore")
import crypt  # noqa: E402  deprecated since 3.11, still Debian's binding of libxcrypt's crypt(3)
from passlib import hash as ph  # noqa: E402
from argon2.low_level import hash_secret, Type  # noqa: E402

PASSWORDS = [
    "secret",
    "correct horse battery staple",
    "pässwörd",
    "пароль Ünïcödé 日本語",
    "🔑 emoji key",
    "it's \"quoted\" \\back\\slash\\",
    "trailing space ",
    "$dollar{brace}%percent",
    "0123456789" * 10,  # 100 bytes: bcrypt uses only the first 72
]
FEW = PASSWORDS[:1] + PASSWORDS[3:6]  # for the slow schemes

out = []


def run(display, argv, password, stdin=None):
    value = subprocess.run(argv, input=stdin, capture_output=True, text=True, check=True).stdout.rstrip("\n")
    add(display, password, value)


def add(display, password, value):
    assert "\t" not in password and "\n" not in password and value and "\t" not in value, (display, value)
    out.append(f"{display}\t{password}\t{value}")


def section(title):
    out.append(f"# {title}")


section("OpenLDAP 2.5 slappasswd (slapd), modules pw-sha2 (slapd), pw-pbkdf2 (slapd-contrib), argon2 (slapd)")
for scheme in ["{SSHA}", "{SHA}", "{MD5}", "{SMD5}"]:
    for p in PASSWORDS:
        run(f"slappasswd -h {scheme} -s PASSWORD", ["slappasswd", "-h", scheme, "-s", p], p)
for p in PASSWORDS:
    run("slappasswd -h {CLEARTEXT} -s PASSWORD", ["slappasswd", "-h", "{CLEARTEXT}", "-s", p], p)
for fmt in ["$1$%.8s", "$5$%.16s", "$6$rounds=6000$%.16s", "$2b$05$%.22s"]:
    for p in PASSWORDS:
        run(f"slappasswd -h {{CRYPT}} -c '{fmt}' -s PASSWORD", ["slappasswd", "-h", "{CRYPT}", "-c", fmt, "-s", p], p)
for scheme in ["{SHA256}", "{SSHA256}", "{SHA512}", "{SSHA512}"]:
    for p in PASSWORDS:
        run(f"slappasswd -o module-load=pw-sha2 -h {scheme} -s PASSWORD",
            ["slappasswd", "-o", "module-load=pw-sha2", "-h", scheme, "-s", p], p)
for scheme in ["{PBKDF2}", "{PBKDF2-SHA1}", "{PBKDF2-SHA256}", "{PBKDF2-SHA512}"]:
    for p in PASSWORDS:
        run(f"slappasswd -o module-load=pw-pbkdf2 -h {scheme} -s PASSWORD",
            ["slappasswd", "-o", "module-load=pw-pbkdf2", "-h", scheme, "-s", p], p)
for p in FEW:
    run("slappasswd -o module-load='argon2 m=1024 t=2' -h {ARGON2} -s PASSWORD",
        ["slappasswd", "-o", "module-load=argon2 m=1024 t=2", "-h", "{ARGON2}", "-s", p], p)
run("slappasswd -o module-load=argon2 -h {ARGON2} -s PASSWORD",
    ["slappasswd", "-o", "module-load=argon2", "-h", "{ARGON2}", "-s", "secret"], "secret")

section("mkpasswd 5.5 (whois), libxcrypt")
for method, extra in [("sha512crypt", []), ("sha256crypt", []), ("md5crypt", []), ("bcrypt", []),
                      ("bcrypt-a", []), ("sha512crypt", ["-R", "12345"]), ("sha256crypt", ["-R", "1000"]),
                      ("bcrypt", ["-R", "6"])]:
    for p in PASSWORDS:
        shown = " ".join(["mkpasswd", "-m", method] + extra + ["PASSWORD"])
        run(shown, ["mkpasswd", "-m", method] + extra + [p], p)
for p in ["pässwörd", "it's \"quoted\" \\back\\slash\\"]:
    run("printf %s PASSWORD | mkpasswd -m sha512crypt --stdin", ["mkpasswd", "-m", "sha512crypt", "--stdin"], p,
        stdin=p)

section("doveadm pw (dovecot-core 2.3.19)")
for scheme in ["PLAIN", "CLEAR", "CLEARTEXT", "PLAIN.B64", "SHA", "SHA1", "SSHA", "SHA256", "SSHA256", "SHA512",
               "SSHA512", "SHA256.HEX", "SSHA512.HEX", "SHA.B64", "MD5", "SMD5", "PLAIN-MD5", "LDAP-MD5",
               "MD5-CRYPT", "SHA256-CRYPT", "SHA512-CRYPT", "BLF-CRYPT", "CRYPT", "PBKDF2"]:
    for p in PASSWORDS:
        run(f"doveadm pw -s {scheme} -p PASSWORD", ["doveadm", "pw", "-s", scheme, "-p", p], p)
for scheme, rounds in [("SHA512-CRYPT", "7000"), ("SHA256-CRYPT", "1000"), ("BLF-CRYPT", "4"), ("PBKDF2", "3000")]:
    for p in FEW:
        run(f"doveadm pw -s {scheme} -r {rounds} -p PASSWORD", ["doveadm", "pw", "-s", scheme, "-r", rounds, "-p", p], p)
for scheme in ["ARGON2I", "ARGON2ID"]:  # 32 and 64 MiB: one password each keeps the tests fast
    for p in ["пароль Ünïcödé 日本語"]:
        run(f"doveadm pw -s {scheme} -p PASSWORD", ["doveadm", "pw", "-s", scheme, "-p", p], p)

section("Python 3.11 passlib 1.7.4 (python3-passlib)")
for name, handler in [("pbkdf2_sha1", ph.pbkdf2_sha1), ("pbkdf2_sha256", ph.pbkdf2_sha256),
                      ("pbkdf2_sha512", ph.pbkdf2_sha512), ("ldap_pbkdf2_sha1", ph.ldap_pbkdf2_sha1),
                      ("ldap_pbkdf2_sha256", ph.ldap_pbkdf2_sha256), ("ldap_pbkdf2_sha512", ph.ldap_pbkdf2_sha512)]:
    for p in PASSWORDS:
        add(f"python3 -c 'passlib.hash.{name}.using(rounds=2000).hash(PASSWORD)'", p,
            handler.using(rounds=2000).hash(p))
    add(f"python3 -c 'passlib.hash.{name}.using(rounds=1000, salt_size=5).hash(PASSWORD)'", "secret",
        handler.using(rounds=1000, salt_size=5).hash("secret"))
for name, handler in [("sha512_crypt", ph.sha512_crypt), ("sha256_crypt", ph.sha256_crypt)]:
    for p in FEW:
        add(f"python3 -c 'passlib.hash.{name}.using(rounds=5000).hash(PASSWORD)'", p,
            handler.using(rounds=5000).hash(p))
for name, handler in [("md5_crypt", ph.md5_crypt), ("ldap_salted_sha256", ph.ldap_salted_sha256),
                      ("ldap_salted_sha512", ph.ldap_salted_sha512)]:
    for p in FEW:
        add(f"python3 -c 'passlib.hash.{name}.hash(PASSWORD)'", p, handler.hash(p))

section("Python 3.11 argon2-cffi 21.1 (python3-argon2), libargon2")
for tname, t in [("ID", Type.ID), ("I", Type.I)]:
    for version in [19, 16]:
        for p in FEW:
            salt = os.urandom(16)
            add(f"python3 -c 'argon2.low_level.hash_secret(PASSWORD, os.urandom(16), time_cost=2, memory_cost=256,"
                f" parallelism=2, hash_len=32, type=Type.{tname}, version={version})'", p,
                hash_secret(p.encode(), salt, time_cost=2, memory_cost=256, parallelism=2, hash_len=32,
                            type=t, version=version).decode())
add("python3 -c 'argon2.low_level.hash_secret(PASSWORD, os.urandom(8), time_cost=1, memory_cost=64,"
    " parallelism=4, hash_len=16, type=Type.ID, version=19)'", "secret",
    hash_secret(b"secret", os.urandom(8), time_cost=1, memory_cost=64, parallelism=4, hash_len=16,
                type=Type.ID, version=19).decode())

section("Python 3.11 crypt module (libxcrypt crypt(3)): salts at the edges of the SHA-crypt and MD5-crypt specs")
for setting in ["$5$rounds=10000$saltstringsaltstring", "$5$saltstring", "$6$ab", "$6$rounds=1000$x", "$1$",
                "$1$saltsaltsalt", "$6$rounds=1000$0123456789abcdefXYZ", "$5$rounds=5000$toolongsaltstring"]:
    for p in ["Hello world!", "пароль Ünïcödé 日本語"]:
        add(f"python3 -c 'crypt.crypt(PASSWORD, \"{setting}\")'", p, crypt.crypt(p, setting))

target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "dev", "hermod", "password",
                      "vectors.txt")
with open(target, "w", encoding="utf-8") as f:
    f.write("# Password hashes made by other tools; written by src/test/scripts/generate-vectors.py. Do not edit.\n")
    f.write("# tool and command (PASSWORD stands for the password) <TAB> password <TAB> stored value\n")
    f.write("\n".join(out) + "\n")
print(len([l for l in out if not l.startswith("#")]), "vectors", file=sys.stderr)
