"""Builds the same synthetic graph as bench_graphml.c in NetworkX and times
write_graphml alone. Usage: networkx_graphml.py NODES EDGES OUT.graphml
Prints the seconds spent writing."""
import sys
import time

import networkx as nx

nodes, edges, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
g = nx.MultiDiGraph()
for i in range(nodes):
    g.add_node(f"n{i}", label=f"Actor {i}", label_en=f"Actor {i}",
               type="meeting" if i % 10 == 0 else "person",
               date_from=f"2018-{1 + i % 12:02d}-{1 + i % 28:02d}",
               count=i % 50)
for j in range(edges):
    g.add_edge(f"n{j % nodes}", f"n{(j * 7919 + 1) % nodes}", key=f"e{j}",
               interaction="met",
               date_from=f"2018-{1 + j % 12:02d}-{1 + j % 28:02d}",
               weight=1 + j % 5)
t0 = time.monotonic()
nx.write_graphml(g, out)
print(f"{time.monotonic() - t0:.3f}")
