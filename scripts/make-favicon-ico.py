#!/usr/bin/env python3
# Writes public/favicon.ico (for browsers and crawlers that ask for /favicon.ico, e.g. when
# showing the XML feeds) from the shapes of public/favicon.svg. Run from the project root after
# changing the SVG; no image tools needed.
# It rasterises public/favicon.svg's shapes (rounded square, K path) into a 32x32 PNG inside an ICO.
import struct, zlib
S=32; SS=4  # supersampling
K=[(9,7),(13,7),(13,15),(20,7),(25,7),(17,16),(25,25),(20,25),(13,17),(13,25),(9,25)]
def inside_poly(x,y,poly):
    c=False; n=len(poly)
    for i in range(n):
        x1,y1=poly[i]; x2,y2=poly[(i+1)%n]
        if (y1>y)!=(y2>y) and x < x1+(y-y1)*(x2-x1)/(y2-y1): c=not c
    return c
def inside_rrect(x,y,r=6,w=32):
    cx=min(max(x,r),w-r); cy=min(max(y,r),w-r)
    return (x-cx)**2+(y-cy)**2<=r*r
rows=[]
for py in range(S):
    row=b'\x00'
    for px in range(S):
        acc=[0,0,0,0]
        for sy in range(SS):
            for sx in range(SS):
                x=px+(sx+.5)/SS; y=py+(sy+.5)/SS
                if inside_rrect(x,y):
                    col=(255,255,255) if inside_poly(x,y,K) else (0x0b,0x5c,0xad)
                    acc[0]+=col[0]; acc[1]+=col[1]; acc[2]+=col[2]; acc[3]+=255
        n=SS*SS; a=acc[3]//n
        if a: row+=bytes([acc[0]*255//acc[3] if acc[3] else 0, acc[1]*255//acc[3], acc[2]*255//acc[3], a])
        else: row+=b'\x00\x00\x00\x00'
    rows.append(row)
def chunk(t,d): return struct.pack('>I',len(d))+t+d+struct.pack('>I',zlib.crc32(t+d)&0xffffffff)
png=b'\x89PNG\r\n\x1a\n'+chunk(b'IHDR',struct.pack('>IIBBBBB',S,S,8,6,0,0,0))+chunk(b'IDAT',zlib.compress(b''.join(rows),9))+chunk(b'IEND',b'')
ico=struct.pack('<HHH',0,1,1)+struct.pack('<BBBBHHII',S,S,0,0,1,32,len(png),22)+png
open('public/favicon.ico','wb').write(ico)
print(len(ico))
