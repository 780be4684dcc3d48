import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BadRequest, PayloadTooLarge, UnsupportedMediaType } from '../errors';
import { header } from './responses';

/**
 * Reads a `multipart/form-data` post (a file upload form): text fields and files. The body is
 * bounded (`limitBytes`, counted decoded) before it is parsed; a field or file name is taken
 * from its part's Content-Disposition only.
 */

export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: Record<string, UploadedFile>;
}

export function readMultipart(
  event: Partial<Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded' | 'headers'>>,
  limitBytes: number,
): MultipartBody {
  const contentType = header(event, 'content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new UnsupportedMediaType('Send the form as multipart/form-data');
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2]?.trim();
  if (!marker || marker.length > 200) throw new BadRequest('The form has no boundary');
  const raw = event.body ?? '';
  if (event.isBase64Encoded && raw.length > Math.ceil(limitBytes / 3) * 4 + 4) {
    throw new PayloadTooLarge(`The request body is larger than ${limitBytes / 1024 / 1024} MB`);
  }
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'binary');
  if (body.byteLength > limitBytes) {
    throw new PayloadTooLarge(`The request body is larger than ${limitBytes / 1024 / 1024} MB`);
  }
  const fields: Record<string, string> = Object.create(null);
  const files: Record<string, UploadedFile> = Object.create(null);
  const delimiter = Buffer.from(`--${marker}`);
  let at = body.indexOf(delimiter);
  if (at < 0) throw new BadRequest('The form is not valid multipart/form-data');
  for (;;) {
    at += delimiter.length;
    // `--` after a delimiter ends the body.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) break;
    const headersEnd = body.indexOf('\r\n\r\n', at);
    const next = body.indexOf(delimiter, at);
    if (headersEnd < 0 || next < 0 || headersEnd > next) {
      throw new BadRequest('The form is not valid multipart/form-data');
    }
    const headers = body.subarray(at, headersEnd).toString('utf8');
    // The part ends with CRLF before the next delimiter.
    const content = body.subarray(headersEnd + 4, next - 2);
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (name && !Object.hasOwn(fields, name) && !Object.hasOwn(files, name)) {
      if (fileName !== undefined) {
        // A file input left empty posts a part with no name and no bytes: no file.
        if (fileName !== '' || content.byteLength > 0) {
          files[name] = { fileName: baseName(fileName), bytes: Buffer.from(content) };
        }
      } else fields[name] = content.toString('utf8');
    }
    at = next;
  }
  return { fields, files };
}

/** A browser may send a full path (old Internet Explorer): only the last part is the name. */
function baseName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? '').replace(/[\r\n"]/g, '').slice(0, 200);
}
