#!/usr/bin/python3
"""A small MLLP receiver on Debian's python3-hl7, standing in for an EHR's interface engine.

mllp_receiver.py PORT FILE: accepts HL7 v2 messages on 127.0.0.1:PORT, appends each to FILE
(segments on lines of their own, a blank line after each message) and only then acknowledges it
with AA. Independent of the archive's own HL7 code (HAPI, Camel).
"""
import asyncio
import sys

import hl7
from hl7.mllp import start_hl7_server

PORT = int(sys.argv[1])
OUT = sys.argv[2]


async def serve(reader, writer):
    try:
        while not writer.is_closing():
            message = await reader.readmessage()
            with open(OUT, "a", encoding="utf-8") as out:
                out.write(str(message).replace("\r", "\n") + "\n\n")
            writer.writemessage(message.create_ack())
            await writer.drain()
    except asyncio.IncompleteReadError:
        pass
    finally:
        writer.close()


async def main():
    async with await start_hl7_server(serve, host="127.0.0.1", port=PORT) as server:
        print("listening", flush=True)
        await server.serve_forever()


asyncio.run(main())
