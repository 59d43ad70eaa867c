import sys
sys.path.insert(0, "/tmp/sectrial")
from oc import *
cfg(47430, 47431, 47432)
i = Irc(); out = i.register("anyone")
print("\n".join(l for l in out if " 372 " in l))
c = Ocp(); h, b = c.connect("anyone2"); print(c.read_msg()[0:2])
