// CloudFront Function (viewer request) for Krasa News on S3 + CloudFront.
// S3 does not map /articles/x to articles/x.html; this does, and sends the same canonical
// redirects as deploy/nginx.conf. Attach it to the default cache behaviour (viewer request).
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
  var m = uri.match(/^(.*\/tags\/[a-z0-9-]+)\/page\/1$/);
  if (m) return redirect(m[1], request.querystring);
  m = uri.match(/^(.*)\/page\/1$/);
  if (m) return redirect(m[1] + '/', request.querystring);
  m = uri.match(/^(.*\/(articles|tags)\/[a-z0-9-]+|.*\/tags|.*\/search)\/$/);
  if (m) return redirect(m[1], request.querystring);
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) {
    request.uri = uri + '.html'; // a route: its prerendered page
  }
  return request;
}

if (typeof module !== 'undefined') module.exports = { handler };
