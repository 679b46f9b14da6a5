// CloudFront Function (viewer request) for Krasa News on S3 + CloudFront.
// Every page is a folder's index.html (`/tags/` → `tags/index.html`), which S3 does not map
// for a REST origin: this does, and sends the same canonical redirects as deploy/nginx.conf
// (page addresses end with a slash), keeping the query.
// Attach it to the default cache behaviour (viewer request).
function redirect(to, querystring) {
  // The query goes along (a search's words), as nginx keeps it on its redirects.
  var qs = querystring || {};
  var pairs = Object.keys(qs).map(function (k) {
    return qs[k].value === undefined || qs[k].value === '' ? k : k + '=' + qs[k].value;
  });
  if (pairs.length) to += '?' + pairs.join('&');
  return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: to } } };
}

function handler(event) {
  var request = event.request;
  var uri = request.uri;
  // A page's segments are slugs and numbers; every file's name has a dot.
  var m = uri.match(/^(.*\/[a-z0-9-]+)$/);
  if (m) return redirect(m[1] + '/', request.querystring);
  if (uri.endsWith('/')) request.uri = uri + 'index.html';
  return request;
}

if (typeof module !== 'undefined') module.exports = { handler };
