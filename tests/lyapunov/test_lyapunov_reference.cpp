// Reference behaviour on NWNsim's network (filled in below).
