"""Differential oracle: asks a real botocore (pip, or the AWS CLI v2's vendored copy through its own
driver session) what it resolves for each case. Reads a JSON list of cases on stdin, writes a JSON list.
Usage: python3 botocore_oracle.py pip | cli-v2 LIB_DIR"""
import io
import json
import os
import sys

MODE = sys.argv[1]
if MODE == 'cli-v2':
    sys.path.insert(0, sys.argv[2])
    from awscli.clidriver import create_clidriver
    from awscli.botocore.utils import get_login_token_cache_directory
    # awscli adds its own data folder to AWS_DATA_PATH when imported; every case keeps that, as a real run would.
    CLI_DATA_PATH = os.environ['AWS_DATA_PATH']
else:
    import botocore.session
    from botocore.utils import get_login_token_cache_directory


def session_for():
    if MODE == 'cli-v2':
        return create_clidriver().session
    return botocore.session.Session()


def chain_of(creds):
    """The methods from the role down to the source profile's credentials (assume-role only)."""
    out = []
    while creds is not None:
        out.append(creds.method)
        fetch = getattr(creds, '_refresh_using', None)
        fetcher = getattr(fetch, '__self__', None)
        creds = getattr(fetcher, '_source_credentials', None) if creds.method == 'assume-role' else None
    return out


def error_kind(e):
    # By class name: the CLI v2 loads its vendored botocore under more than one module name.
    names = {c.__name__ for c in type(e).__mro__}
    for name, kind in (('ConfigParseError', 'parse-error'), ('ProfileNotFound', 'profile-not-found'), ('InfiniteLoopConfigError', 'loop')):
        if name in names:
            return kind
    return 'error'


def run(case):
    os.environ.clear()
    os.environ.update(case['env'])
    if MODE == 'cli-v2':
        os.environ['AWS_DATA_PATH'] = CLI_DATA_PATH
    os.chdir(case['cwd'])
    out = {'profile': None, 'status': 'ok', 'source': None, 'chain': [], 'loginSession': None, 'ssoSession': None, 'region': None, 'error': None}
    # The folder the login provider's JSONFileCache opens, absolute (open() resolves a relative one against the cwd).
    out['loginCacheDir'] = os.path.abspath(get_login_token_cache_directory())
    try:
        s = session_for()
        out['profile'] = s.get_config_variable('profile')
        scoped = s.get_scoped_config()
        out['loginSession'] = scoped.get('login_session') if isinstance(scoped.get('login_session'), str) else None
        out['ssoSession'] = scoped.get('sso_session') if isinstance(scoped.get('sso_session'), str) else None
        region = s.get_config_variable('region')
        out['region'] = region if isinstance(region, str) else None
    except Exception as e:  # noqa: BLE001 - every failure is an answer to compare
        out['status'] = error_kind(e)
        out['error'] = f'{type(e).__name__}: {e}'[:300]
        return out
    try:
        creds = s.get_credentials()
        out['chain'] = chain_of(creds) if creds is not None else []
        out['source'] = creds.method if creds is not None else 'none'
    except Exception as e:  # noqa: BLE001
        msg = str(e)
        if 'login credential provider' in msg:
            # pip botocore without awscrt: the login provider was chosen and refuses to load. Count the
            # assume-role hops on the way to it from the traceback.
            hops = 0
            tb = e.__traceback__
            while tb is not None:
                hops += tb.tb_frame.f_code.co_name == '_resolve_source_credentials'
                tb = tb.tb_next
            out['chain'] = ['assume-role'] * hops + ['login']
            out['source'] = out['chain'][0]
        else:
            out['source'] = 'error'
            out['status'] = error_kind(e)
        out['error'] = f'{type(e).__name__}: {msg}'[:300]
    return out


def configure_list():
    """The real `aws configure list`, run through the CLI's own entry point: exit code and its rows."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        rc = create_clidriver().main(['configure', 'list'])
    except Exception as e:  # noqa: BLE001 - awscli.clidriver.main() lets this escape: python exits 1
        rc = 1
        err.write(str(e))
    finally:
        sys.stdout, sys.stderr = saved
    rows = {}
    for line in out.getvalue().splitlines()[1:]:
        parts = [p.strip() for p in line.split(' : ')]
        if len(parts) >= 3:
            rows[parts[0]] = {'value': parts[1], 'type': parts[2]}
    return {'rc': rc, 'rows': rows}


cases = json.load(sys.stdin)
results = []
for case in cases:
    saved = sys.stdout
    sys.stdout = io.StringIO()  # the CLI driver may print warnings; keep the JSON channel clean
    try:
        result = run(case)
        if MODE == 'cli-v2' and case.get('list'):
            result['configureList'] = configure_list()
        results.append(result)
    finally:
        sys.stdout = saved
sys.stdout.write(json.dumps(results))
