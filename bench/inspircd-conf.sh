# Sourced by bench/compare and bench/rate-tail: inspircd_conf DIR PORT writes DIR/inspircd.conf, InspIRCd 3 on
# 127.0.0.1:PORT with flood control and per-client throttles off (each change from the packaged defaults is
# commented), its pid file and log in DIR.
inspircd_conf() {
  cat > "$1/inspircd.conf" <<CONF
<server name="bench.local" description="bench" network="bench">
<admin name="bench" nick="bench" email="bench@localhost">
<bind address="127.0.0.1" port="$2" type="clients">
# connect class, from the packaged defaults:
#  localmax/globalmax 3 -> 20000 (the bench opens up to 19k connections from 127.0.0.x); threshold 10 ->
#  1000000 (the command penalty a client may build up before "Excess Flood": at 10, or even 100000, a
#  sender doing ~100k messages/s was killed mid-run); hardsendq 262144 -> 16777216 and recvq 8192 -> 65536
#  (the bench bursts); commandrate (default 1000 millicommands/s, i.e. flood control) -> 2000000000 and
#  fakelag on -> off; pingfreq 120 -> 600.
<connect allow="*" timeout="60" threshold="1000000" pingfreq="600" hardsendq="16777216" softsendq="65536"
         recvq="65536" localmax="20000" globalmax="20000" commandrate="2000000000" fakelag="no"
         maxconnwarn="no" limit="20000" useident="no">
# channel members 20 -> 20000
<channels users="20000" opers="60">
<dns server="127.0.0.1" timeout="1">
<pid file="$1/inspircd.pid">
<options prefixquit="Quit: " syntaxhints="no" announcets="yes" hostintopic="yes" pingwarning="15"
         splitwhois="no" exemptchanops="">
<security hideserver="" userstats="Pu" customversion="" flatlinks="no" hidesplits="no" hideulines="no"
          hidebans="no" maxtargets="20">
# softlimit 1024 -> 20000 connections, somaxconn 128 -> 4096
<performance quietbursts="yes" softlimit="20000" somaxconn="4096" netbuffersize="10240" clonesonconnect="no">
<log method="file" type="* -USERINPUT -USEROUTPUT" level="default" target="$1/inspircd.log">
CONF
}
